package dev.firebreak.intake;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.incident.AlertSeverity;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.process.Coded;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns alert events into incidents: one incident per alert group, each alert event once. The
 * group row is locked while deciding, so concurrent webhooks (also on other nodes) never start
 * two incidents for a group; the unique key on alert events makes a resend a duplicate.
 */
@Service
class AlertIntake {

  private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);
  private static final int ATTEMPTS = 5;

  /** What a webhook did. */
  record Result(int started, int updated, int resolved, int duplicates, int recorded) {
    Result plus(Result other) {
      return new Result(started + other.started, updated + other.updated, resolved + other.resolved,
          duplicates + other.duplicates, recorded + other.recorded);
    }
  }

  /** The store cannot take the alerts right now; the sender should retry. */
  static class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final RuntimeService runtime;
  private final Incidents incidents;
  private final ServiceCatalog catalog;
  private final IntakeProperties properties;
  private final MeterRegistry meters;

  AlertIntake(JdbcClient jdbc, TransactionTemplate transactions, @Lazy RuntimeService runtime, Incidents incidents,
      ServiceCatalog catalog, IntakeProperties properties, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.runtime = runtime;
    this.incidents = incidents;
    this.catalog = catalog;
    this.properties = properties;
    this.meters = meters;
  }

  Result accept(List<AlertEvent> events) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Result result = transactions.execute(status -> {
          Map<String, List<AlertEvent>> updates = new LinkedHashMap<>();
          Result handled = events.stream().map(event -> handle(event, updates))
              .reduce(new Result(0, 0, 0, 0, 0), Result::plus);
          updates.forEach(this::noteUpdates);
          return handled;
        });
        count(events.get(0).source(), result);
        return result;
      } catch (DataIntegrityViolationException | TransientDataAccessException
          | OptimisticLockingException raced) {
        // another webhook (or node) took the same group or event first: decide again on what it stored
        last = raced;
        log.debug("Alert intake raced (attempt {}), retrying: {}", attempt, raced.toString());
        pause(attempt);
      } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
        throw new Unavailable("The incident store is not available", e);
      }
    }
    throw new Unavailable("Could not store the alerts after " + ATTEMPTS + " attempts", last);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 30) * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("Interrupted while storing alerts", e);
    }
  }

  private Result handle(AlertEvent event, Map<String, List<AlertEvent>> updates) {
    String group = groupKey(event);
    if (!recordEvent(event, group)) {
      return new Result(0, 0, 0, 1, 0);
    }
    return event.status() == AlertEvent.Status.FIRING ? fire(event, group, updates) : resolve(event, group);
  }

  /** New alerts of an open incident, once per webhook: one timeline entry, one AlertUpdated. */
  private void noteUpdates(String key, List<AlertEvent> events) {
    incidents.countAlerts(key, events.size());
    AlertEvent first = events.get(0);
    Map<String, Object> details = details(first);
    if (events.size() > 1) {
      details.put("alerts", events.stream().map(AlertIntake::details).toList());
    }
    incidents.note(key, null, TimelineEntry.Kind.ALERT, "Alert update: " + describe(first)
        + (events.size() > 1 ? " (+" + (events.size() - 1) + " more)" : ""), details);
    runtime.createMessageCorrelation(MESSAGE_ALERT_UPDATED).processInstanceBusinessKey(key)
        .setVariable(ALERT_COUNT.name(), incidents.require(key).alertCount())
        .correlateAllWithResult();
  }

  String groupKey(AlertEvent event) {
    return properties.getGroupBy().stream()
        .map(label -> label + "=" + Optional.ofNullable(event.label(label)).orElse(""))
        .collect(Collectors.joining(","));
  }

  /** False when this exact event (fingerprint, start, status) was received before. */
  private boolean recordEvent(AlertEvent event, String group) {
    boolean seen = jdbc.sql("SELECT COUNT(*) FROM alert_event WHERE fingerprint = ? AND starts_at = ? AND status = ?")
        .params(event.fingerprint(), event.startsAt().atOffset(ZoneOffset.UTC), event.status().code())
        .query(Long.class).single() > 0;
    if (seen) {
      return false;
    }
    jdbc.sql("""
        INSERT INTO alert_event (source, fingerprint, starts_at, status, group_key, received_at)
        VALUES (?, ?, ?, ?, ?, ?)""")
        .params(event.source(), event.fingerprint(), event.startsAt().atOffset(ZoneOffset.UTC),
            event.status().code(), group, Incidents.now().atOffset(ZoneOffset.UTC))
        .update();
    return true;
  }

  private Result fire(AlertEvent event, String group, Map<String, List<AlertEvent>> updates) {
    Optional<String> current = lockGroup(group);
    Optional<IncidentRecord> open = current.flatMap(incidents::find)
        .filter(incident -> IncidentStatus.fromJson(incident.status()).isOpen());
    String key;
    Result result;
    if (open.isPresent()) {
      key = open.get().key();
      updates.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
      result = new Result(0, 1, 0, 0, 0);
    } else {
      key = startIncident(event);
      current.ifPresent(previous -> linkEarlier(key, previous));
      jdbc.sql("UPDATE alert_group SET incident_key = ?, updated_at = ? WHERE group_key = ?")
          .params(key, Incidents.now().atOffset(ZoneOffset.UTC), group).update();
      result = new Result(1, 0, 0, 0, 0);
    }
    saveState(event, group, key);
    return result;
  }

  private Result resolve(AlertEvent event, String group) {
    Optional<String> current = lockGroup(group);
    String key = current.orElse(null);
    saveState(event, group, key);
    if (key == null) {
      return new Result(0, 0, 0, 0, 1);
    }
    Optional<IncidentRecord> incident = incidents.find(key);
    long stillFiring = jdbc.sql("SELECT COUNT(*) FROM alert_state WHERE group_key = ? AND incident_key = ? AND status = 'firing'")
        .params(group, key).query(Long.class).single();
    if (incident.isEmpty() || stillFiring > 0) {
      if (incident.isPresent()) {
        incidents.note(key, null, TimelineEntry.Kind.ALERT, "Alert resolved: " + describe(event)
            + " (" + stillFiring + " still firing)", details(event));
      }
      return new Result(0, 0, 0, 0, 1);
    }
    incidents.note(key, null, TimelineEntry.Kind.ALERT,
        "Alerts resolved: every alert of the group recovered (" + describe(event) + ")", details(event));
    if (IncidentStatus.fromJson(incident.get().status()).isOpen()) {
      runtime.createMessageCorrelation(MESSAGE_ALERTS_RESOLVED).processInstanceBusinessKey(key)
          .setVariable(SIGNAL_RECOVERED.name(), true)
          .correlateAllWithResult();
    }
    return new Result(0, 0, 1, 0, 0);
  }

  /** The group's current incident key; the row stays locked until the transaction ends. */
  private Optional<String> lockGroup(String group) {
    List<Optional<String>> rows = jdbc.sql("SELECT incident_key FROM alert_group WHERE group_key = ? FOR UPDATE")
        .param(group).query((rs, row) -> Optional.ofNullable(rs.getString(1))).list();
    if (rows.isEmpty()) {
      // a concurrent first alert of the same group fails here on the primary key and retries
      jdbc.sql("INSERT INTO alert_group (group_key, incident_key, updated_at) VALUES (?, NULL, ?)")
          .params(group, Incidents.now().atOffset(ZoneOffset.UTC)).update();
      return Optional.empty();
    }
    return rows.get(0);
  }

  private void saveState(AlertEvent event, String group, String key) {
    int updated = jdbc.sql("UPDATE alert_state SET group_key = ?, incident_key = ?, status = ?, starts_at = ? WHERE fingerprint = ?")
        .params(group, key, event.status().code(), event.startsAt().atOffset(ZoneOffset.UTC), event.fingerprint())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO alert_state (fingerprint, group_key, incident_key, status, starts_at) VALUES (?, ?, ?, ?, ?)")
          .params(event.fingerprint(), group, key, event.status().code(), event.startsAt().atOffset(ZoneOffset.UTC))
          .update();
    }
    jdbc.sql("UPDATE alert_event SET incident_key = ? WHERE fingerprint = ? AND starts_at = ? AND status = ?")
        .params(key, event.fingerprint(), event.startsAt().atOffset(ZoneOffset.UTC), event.status().code()).update();
  }

  private String startIncident(AlertEvent event) {
    ProcessInstance instance = runtime.createMessageCorrelation(MESSAGE_ALERT_FIRED)
        .setVariables(declaration(event))
        .correlateStartMessage();
    String key = (String) runtime.getVariable(instance.getId(), INCIDENT_KEY.name());
    incidents.countAlert(key);
    incidents.note(key, null, TimelineEntry.Kind.ALERT, "Alert firing: " + describe(event), details(event));
    return key;
  }

  private void linkEarlier(String key, String previous) {
    incidents.link(key, new IncidentLink("previous-incident", previous, "/api/incidents/" + previous));
    incidents.note(key, null, TimelineEntry.Kind.ALERT, "The alert fired again after " + previous
        + " was closed: this is a new incident linked to it", Map.of("previousIncident", previous));
  }

  /** Labels and annotations mapped to the declaration the severity decision reads. */
  Map<String, Object> declaration(AlertEvent event) {
    String service = Optional.ofNullable(event.label("service")).filter(s -> !s.isBlank()).orElse("unknown");
    String severityLabel = Optional.ofNullable(event.label("severity")).orElse("").toLowerCase();
    AlertSeverity alertSeverity = Coded.fromCode(AlertSeverity.class, severityLabel).orElse(AlertSeverity.WARNING);
    Map<String, Object> variables = new HashMap<>();
    variables.put(TITLE.name(), truncate(Optional.ofNullable(event.annotation("summary"))
        .orElse(event.label("alertname") + " on " + service), 200));
    variables.put(SERVICE.name(), service);
    variables.put(INCIDENT_TYPE.name(), code(IncidentType.class, event, "incident_type")
        .orElse(alertSeverity == AlertSeverity.CRITICAL ? IncidentType.OUTAGE.code() : IncidentType.DEGRADED_PERFORMANCE.code()));
    variables.put(IMPACT_SCOPE.name(), code(ImpactScope.class, event, "impact")
        .orElse(catalog.find(service).map(s -> s.isCustomerFacing()).orElse(false)
            ? ImpactScope.PART_OF_USERS.code() : ImpactScope.INTERNAL_ONLY.code()));
    variables.put(ALERT_SEVERITY.name(), alertSeverity.code());
    variables.put(DESCRIPTION.name(), truncate(Optional.ofNullable(event.annotation("description"))
        .orElse(Optional.ofNullable(event.annotation("impact")).orElse("")), 4000));
    variables.put(DETECTED_AT.name(), Date.from(event.startsAt()));
    variables.put(SOURCE.name(), event.source());
    variables.put(DATA_INTEGRITY_AT_RISK.name(), "true".equalsIgnoreCase(event.label("data_integrity_at_risk")));
    variables.put(ALERT_COUNT.name(), 1);
    return variables;
  }

  private static <E extends Enum<E> & Coded> Optional<String> code(Class<E> type, AlertEvent event, String name) {
    return Optional.ofNullable(event.annotation(name)).or(() -> Optional.ofNullable(event.label(name)))
        .flatMap(value -> Coded.fromCode(type, value.trim())).map(Coded::code);
  }

  private static String describe(AlertEvent event) {
    String summary = event.annotation("summary");
    return event.label("alertname") + (summary == null ? "" : " — " + summary);
  }

  private static Map<String, Object> details(AlertEvent event) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", event.source());
    details.put("status", event.status().code());
    details.put("fingerprint", event.fingerprint());
    details.put("startsAt", event.startsAt().toString());
    details.put("labels", event.labels());
    details.put("annotations", event.annotations());
    details.putAll(event.extras());
    return details;
  }

  private void count(String source, Result result) {
    increment(source, "started", result.started());
    increment(source, "updated", result.updated());
    increment(source, "resolved", result.resolved());
    increment(source, "duplicate", result.duplicates());
    increment(source, "recorded", result.recorded());
  }

  void increment(String source, String outcome, int amount) {
    if (amount > 0) {
      meters.counter("firebreak.alerts.received", "source", source, "outcome", outcome).increment(amount);
    }
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
