package dev.firebreak.statuspage;

import dev.firebreak.platform.time.EngineClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.notify.NoticeTemplates;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.web.FieldChecks;
import dev.firebreak.platform.web.NotFoundException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scheduled maintenance of status page components. Communications (or incident managers) announce
 * a window for some components; subscribers are told through the outbox in the same transaction.
 * The status follows the clock: scheduled before the window, in_progress inside it, completed after
 * it. Cancelling before the start makes it "cancelled" (it disappears from the page; the feed and
 * subscribers are told); cancelling while in progress ends it now (completed). Times are UTC.
 */
@Service
public class Maintenances {

  static final int TITLE_MAX = 200;
  static final int TEXT_MAX = 2000;

  /** The public statuses, in Statuspage's vocabulary (cancelled is Firebreak's: Statuspage deletes). */
  public enum Status {
    SCHEDULED("scheduled", "Scheduled"),
    IN_PROGRESS("in_progress", "In progress"),
    COMPLETED("completed", "Completed"),
    CANCELLED("cancelled", "Cancelled");

    private final String code;
    private final String label;

    Status(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }
  }

  /** A maintenance as stored; createdBy is internal and never public. */
  public record Maintenance(long id, String title, List<String> services, Instant scheduledFor,
      Instant scheduledUntil, Instant cancelledAt, String createdBy, Instant createdAt,
      List<StatusPage.Update> updates) {

    public Status status(Instant now) {
      if (cancelledAt != null && !cancelledAt.isAfter(scheduledFor)) {
        return Status.CANCELLED;
      }
      if (now.isBefore(scheduledFor)) {
        return Status.SCHEDULED;
      }
      return now.isBefore(endsAt()) ? Status.IN_PROGRESS : Status.COMPLETED;
    }

    /** When it ends (or ended): the window's end, or earlier when it was stopped while in progress. */
    public Instant endsAt() {
      return cancelledAt != null && cancelledAt.isBefore(scheduledUntil) ? cancelledAt : scheduledUntil;
    }

    public String publicId() {
      return "mnt-" + id;
    }

    public String description() {
      return updates.isEmpty() ? "" : updates.get(0).message();
    }
  }

  /** What POST /api/maintenance takes. Times are ISO 8601 with an offset, or local times in firebreak.zone. */
  public record Request(String title, String description, List<String> components, String scheduledFor,
      String scheduledUntil) {
  }

  private final JdbcClient jdbc;
  private final ServiceCatalog catalog;
  private final FirebreakProperties properties;
  private final NoticeTemplates templates;
  private final SubscriberOutbox outbox;
  private final ObjectMapper json;
  private final EngineClock clock;

  private final WebPush pushes;

  Maintenances(JdbcClient jdbc, ServiceCatalog catalog, FirebreakProperties properties, NoticeTemplates templates,
      SubscriberOutbox outbox, ObjectMapper json, EngineClock clock, WebPush pushes) {
    this.clock = clock;
    this.pushes = pushes;
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.properties = properties;
    this.templates = templates;
    this.outbox = outbox;
    this.json = json;
  }

  /** Validates (every bad field at once; nothing stored), stores, and queues the notice to subscribers. */
  @Transactional
  public Maintenance schedule(Request request, String user) {
    FieldChecks checks = new FieldChecks();
    checks.required("title", request.title(), TITLE_MAX);
    checks.required("description", request.description(), TEXT_MAX);
    List<String> services = services(request.components(), checks);
    Instant from = time("scheduledFor", request.scheduledFor(), checks);
    Instant until = time("scheduledUntil", request.scheduledUntil(), checks);
    if (from != null && until != null) {
      checks.check(until.isAfter(from), "scheduledUntil", "must be after scheduledFor");
      checks.check(until.isAfter(clock.now()), "scheduledUntil", "is in the past: announce only current or future maintenance");
    }
    checks.throwIfAny();
    Instant now = clock.now();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO maintenance (title, description, scheduled_for, scheduled_until, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?)""")
        .params(request.title().trim(), request.description().trim(), from.atOffset(ZoneOffset.UTC),
            until.atOffset(ZoneOffset.UTC), user, now.atOffset(ZoneOffset.UTC))
        .update(key, "id");
    long id = key.getKey().longValue();
    for (String service : services) {
      jdbc.sql("INSERT INTO maintenance_component (maintenance_id, service) VALUES (?, ?)").params(id, service).update();
    }
    long updateId = addUpdate(id, Status.SCHEDULED.code(), request.description().trim(), now);
    Maintenance maintenance = require(id);
    notifySubscribers(maintenance, "scheduled", updateId);
    return maintenance;
  }

  /** Cancels a maintenance that has not started, or ends one in progress now. */
  @Transactional
  public Maintenance cancel(long id) {
    Maintenance maintenance = require(id);
    Instant now = clock.now();
    Status status = maintenance.status(now);
    if (status == Status.CANCELLED || status == Status.COMPLETED) {
      throw new MaintenanceConflictException("Maintenance " + id + " is already " + status.code());
    }
    jdbc.sql("UPDATE maintenance SET cancelled_at = ? WHERE id = ?").params(now.atOffset(ZoneOffset.UTC), id).update();
    String event = status == Status.SCHEDULED ? "cancelled" : "completed";
    long updateId = addUpdate(id, status == Status.SCHEDULED ? Status.CANCELLED.code() : Status.COMPLETED.code(),
        status == Status.SCHEDULED ? "This maintenance has been cancelled." : "The maintenance is complete.", now);
    Maintenance changed = require(id);
    notifySubscribers(changed, event, updateId);
    return changed;
  }

  /** A public update on a scheduled or running maintenance, sent to subscribers too. */
  @Transactional
  public Maintenance update(long id, String message) {
    new FieldChecks().required("message", message, TEXT_MAX).throwIfAny();
    Maintenance maintenance = require(id);
    Instant now = clock.now();
    Status status = maintenance.status(now);
    if (status == Status.CANCELLED || status == Status.COMPLETED) {
      throw new MaintenanceConflictException("Maintenance " + id + " is " + status.code() + ": it takes no more updates");
    }
    long updateId = addUpdate(id, status.code(), message.trim(), now);
    Maintenance changed = require(id);
    notifySubscribers(changed, "update", updateId);
    return changed;
  }

  public Optional<Maintenance> find(long id) {
    return jdbc.sql("""
        SELECT id, title, scheduled_for, scheduled_until, cancelled_at, created_by, created_at
        FROM maintenance WHERE id = ?""").param(id).query((rs, row) -> row(rs)).optional()
        .map(this::complete);
  }

  public Maintenance require(long id) {
    return find(id).orElseThrow(() -> new MaintenanceNotFoundException(id));
  }

  /** Every maintenance, latest window first. */
  public List<Maintenance> list() {
    return jdbc.sql("""
        SELECT id, title, scheduled_for, scheduled_until, cancelled_at, created_by, created_at
        FROM maintenance ORDER BY scheduled_for DESC, id DESC""").query((rs, row) -> row(rs)).list()
        .stream().map(this::complete).toList();
  }

  /** Maintenances whose window ends after the given time (or has not ended), earliest first. */
  List<Maintenance> endingAfter(Instant since) {
    return jdbc.sql("""
        SELECT id, title, scheduled_for, scheduled_until, cancelled_at, created_by, created_at
        FROM maintenance WHERE scheduled_until > ? ORDER BY scheduled_for, id""")
        .param(since.atOffset(ZoneOffset.UTC)).query((rs, row) -> row(rs)).list()
        .stream().map(this::complete).filter(m -> m.endsAt().isAfter(since)).toList();
  }

  /** Subscriber deliveries of this maintenance's notices: delivered, pending, failed. */
  public Map<String, Long> deliveries(long id) {
    return outbox.counts("maintenance-" + id + "-");
  }

  /** The public component names of a maintenance (several services may share one component). */
  public List<String> componentNames(Maintenance maintenance) {
    Set<String> names = new LinkedHashSet<>();
    maintenance.services().forEach(s -> names.add(componentName(s)));
    return List.copyOf(names);
  }

  private void notifySubscribers(Maintenance maintenance, String event, long updateId) {
    String components = String.join(", ", componentNames(maintenance));
    NoticeTemplates.MaintenanceNotice notice = templates.renderMaintenance(event, maintenance.title(), components,
        maintenance.scheduledFor(), maintenance.scheduledUntil(), properties.getZone(), templates.defaultLocale());
    StatusPage.Update update = maintenance.updates().stream().reduce((a, b) -> b).orElseThrow();
    String text = notice.text() + "\n\n" + update.message() + "\n\n" + properties.getBaseUrl() + "/status";
    outbox.enqueueForConfirmed(new SubscriberOutbox.Notice("maintenance-" + maintenance.id() + "-" + updateId,
        notice.subject(), text, payload(maintenance, update)));
    pushes.announceMaintenance("maintenance-" + maintenance.id() + "-" + updateId, componentNames(maintenance),
        maintenance.title(), update.phase(), update.message(), maintenance.publicId());
  }

  private String payload(Maintenance maintenance, StatusPage.Update update) {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> scheduled = new LinkedHashMap<>();
    scheduled.put("id", maintenance.publicId());
    scheduled.put("name", maintenance.title());
    scheduled.put("status", maintenance.status(clock.now()).code());
    scheduled.put("impact", "maintenance");
    scheduled.put("scheduled_for", maintenance.scheduledFor().toString());
    scheduled.put("scheduled_until", maintenance.scheduledUntil().toString());
    scheduled.put("components", componentNames(maintenance).stream()
        .map(name -> Map.of("id", StatusPage.slug(name), "name", name)).toList());
    body.put("scheduled_maintenance", scheduled);
    body.put("update", Map.of("status", update.phase(), "body", update.message(),
        "created_at", update.publishedAt().toString()));
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private long addUpdate(long id, String status, String message, Instant at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO maintenance_update (maintenance_id, status, message, created_at) VALUES (?, ?, ?, ?)")
        .params(id, status, message, at.atOffset(ZoneOffset.UTC)).update(key, "id");
    return key.getKey().longValue();
  }

  /** Resolves the requested components (service names, component names or their ids) to services. */
  private List<String> services(List<String> requested, FieldChecks checks) {
    List<String> known = catalog.names().stream().map(this::componentName).distinct().toList();
    if (requested == null || requested.isEmpty()) {
      checks.add("components", "is required: at least one of " + known);
      return List.of();
    }
    Set<String> services = new LinkedHashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      String wanted = requested.get(i) == null ? "" : requested.get(i).trim();
      List<String> matching = catalog.names().stream()
          .filter(s -> s.equalsIgnoreCase(wanted) || componentName(s).equalsIgnoreCase(wanted)
              || StatusPage.slug(componentName(s)).equals(wanted.toLowerCase()))
          .toList();
      if (matching.isEmpty()) {
        checks.add("components[" + i + "]", "unknown component '" + wanted + "'; one of " + known);
      }
      services.addAll(matching);
    }
    return new ArrayList<>(services);
  }

  private Instant time(String field, String value, FieldChecks checks) {
    if (value == null || value.isBlank()) {
      checks.add(field, "is required: an ISO 8601 time such as 2026-12-01T02:00:00+09:00");
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(value.trim()).atZone(properties.getZone()).toInstant();
      } catch (DateTimeParseException again) {
        checks.add(field, "must be an ISO 8601 time such as 2026-12-01T02:00:00+09:00 (was '" + value + "')");
        return null;
      }
    }
  }

  String componentName(String service) {
    return catalog.find(service).map(s -> s.getComponent()).filter(c -> c != null && !c.isBlank()).orElse(service);
  }

  private Maintenance complete(Maintenance m) {
    List<String> services = jdbc.sql("SELECT service FROM maintenance_component WHERE maintenance_id = ? ORDER BY service")
        .param(m.id()).query(String.class).list();
    List<StatusPage.Update> updates = jdbc.sql("""
        SELECT status, message, created_at FROM maintenance_update WHERE maintenance_id = ? ORDER BY created_at, id""")
        .param(m.id())
        .query((rs, row) -> new StatusPage.Update(rs.getString("status"), rs.getString("message"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .list();
    return new Maintenance(m.id(), m.title(), services, m.scheduledFor(), m.scheduledUntil(), m.cancelledAt(),
        m.createdBy(), m.createdAt(), updates);
  }

  private static Maintenance row(java.sql.ResultSet rs) throws java.sql.SQLException {
    OffsetDateTime cancelled = rs.getObject("cancelled_at", OffsetDateTime.class);
    return new Maintenance(rs.getLong("id"), rs.getString("title"), List.of(),
        rs.getObject("scheduled_for", OffsetDateTime.class).toInstant(),
        rs.getObject("scheduled_until", OffsetDateTime.class).toInstant(),
        cancelled == null ? null : cancelled.toInstant(), rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), List.of());
  }

  /** No maintenance with this id. */
  public static class MaintenanceNotFoundException extends NotFoundException {
    MaintenanceNotFoundException(long id) {
      super("No maintenance with id " + id);
    }

    @Override
    public String title() {
      return "Maintenance not found";
    }
  }

  /** The maintenance is not in a state that allows this. */
  public static class MaintenanceConflictException extends RuntimeException {
    MaintenanceConflictException(String message) {
      super(message);
    }
  }
}
