package dev.firebreak.statuspage;

import dev.firebreak.platform.resilience.DatabaseAvailability;
import dev.firebreak.platform.time.EngineClock;

import dev.firebreak.incident.IncidentFilter;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.notify.NoticeTemplates;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public view of incidents. Only what communications published is public: an incident
 * appears once it has a published update, and shows its public title (the one last published, else
 * the template title of its type — never the internal title), impact, affected component and the
 * published texts — never labels, notes, people or tracker keys. Drills never appear. A resolved
 * incident no longer degrades its component.
 */
@Service
public class StatusPage {

  static final Duration HISTORY = Duration.ofDays(90);
  /** How long a page waits for a live read before it shows the last snapshot. */
  static final Duration LIVE_READ = Duration.ofSeconds(2);
  private static final java.util.concurrent.ExecutorService READERS = java.util.concurrent.Executors.newCachedThreadPool(
      runnable -> {
        Thread thread = new Thread(runnable, "status-page-read");
        thread.setDaemon(true);
        return thread;
      });

  private final JdbcClient jdbc;
  private final Incidents incidents;
  private final ServiceCatalog catalog;
  private final FirebreakProperties properties;
  private final Subscribers subscribers;
  private final Maintenances maintenances;
  private final EngineClock clock;
  private final NoticeTemplates templates;
  private final DatabaseAvailability database;
  private final WebPush pushes;
  /** The last snapshot read from the database: what the page shows while the database is away. */
  private volatile Snapshot lastGood;

  StatusPage(JdbcClient jdbc, Incidents incidents, ServiceCatalog catalog, FirebreakProperties properties,
      Subscribers subscribers, Maintenances maintenances, EngineClock clock, NoticeTemplates templates,
      DatabaseAvailability database, WebPush pushes) {
    this.clock = clock;
    this.pushes = pushes;
    this.database = database;
    this.templates = templates;
    this.jdbc = jdbc;
    this.maintenances = maintenances;
    this.incidents = incidents;
    this.catalog = catalog;
    this.properties = properties;
    this.subscribers = subscribers;
  }

  /** A published update. */
  public record Update(String phase, String message, Instant publishedAt) {
  }

  /** A public incident. */
  public record PublicIncident(String id, String title, String component, String status,
      ComponentStatus componentStatus, Instant startedAt, Instant updatedAt, Instant resolvedAt, List<Update> updates) {
    public boolean resolved() {
      return resolvedAt != null;
    }

    /** Statuspage's impact vocabulary. */
    public String impact() {
      return switch (componentStatus) {
        case MAJOR_OUTAGE -> "critical";
        case PARTIAL_OUTAGE -> "major";
        case DEGRADED_PERFORMANCE -> "minor";
        case OPERATIONAL, UNDER_MAINTENANCE -> "none";
      };
    }
  }

  /** A component and its current status. */
  public record Component(String id, String name, ComponentStatus status) {
  }

  /** A public scheduled maintenance: no author, only what communications wrote. */
  public record PublicMaintenance(String id, String title, List<String> components, Maintenances.Status status,
      Instant scheduledFor, Instant scheduledUntil, Instant endedAt, Instant createdAt, List<Update> updates) {
    public Instant updatedAt() {
      return updates.isEmpty() ? createdAt : updates.get(updates.size() - 1).publishedAt();
    }

    public boolean inProgress() {
      return status == Maintenances.Status.IN_PROGRESS;
    }
  }

  /**
   * Everything the page shows, as of now. maintenances holds every maintenance of the past 90 days
   * and the future, cancelled ones included (the feed tells about them; the page does not show them).
   */
  public record Snapshot(Instant generatedAt, ComponentStatus overall, List<Component> components,
      List<PublicIncident> active, List<PublicIncident> history, List<PublicMaintenance> maintenances) {

    /** Upcoming and in-progress maintenance, earliest first (summary.json's scheduled_maintenances). */
    public List<PublicMaintenance> activeMaintenance() {
      return maintenances.stream().filter(m -> m.status() == Maintenances.Status.SCHEDULED
          || m.status() == Maintenances.Status.IN_PROGRESS).toList();
    }

    /** Completed maintenance of the past 90 days, latest first. */
    public List<PublicMaintenance> pastMaintenance() {
      return maintenances.stream().filter(m -> m.status() == Maintenances.Status.COMPLETED)
          .sorted(Comparator.comparing(PublicMaintenance::endedAt).reversed()).toList();
    }
  }

  /**
   * Publishes an update under the incident's public title (null keeps the one published before; a
   * retried job with the same key publishes once) and queues it for the subscribers; their
   * deliveries never hold up the page.
   */
  @Transactional
  public void publish(String incidentKey, String phase, String title, String message, String jobKey,
      boolean toSubscribers) {
    IncidentRecord incident = incidents.require(incidentKey);
    if (incident.drill()) {
      return;
    }
    insertUpdate(incidentKey, phase, title, message, jobKey);
    if (!toSubscribers) {
      return;
    }
    PublicIncident published = toPublic(incidents.require(incidentKey), updates(incidentKey));
    int queued = subscribers.announce(jobKey == null ? incidentKey + "@" + clock.now() : jobKey, published,
        published.updates().get(published.updates().size() - 1));
    pushes.announce(jobKey == null ? incidentKey + "@" + clock.now() : jobKey, published,
        published.updates().get(published.updates().size() - 1));
    if (queued > 0) {
      incidents.note(incidentKey, null, dev.firebreak.incident.TimelineEntry.Kind.NOTIFICATION,
          incidents.words().get("subscribers.queued", queued), java.util.Map.of("subscribers", queued));
    }
  }

  /** Whether the incident has been on the public page (it has a published update). */
  public boolean isPublic(String incidentKey) {
    return jdbc.sql("SELECT COUNT(*) FROM status_update WHERE incident_key = ?").param(incidentKey)
        .query(Long.class).single() > 0;
  }

  /** The public title the incident was last published under, or null. */
  public String publishedTitle(String incidentKey) {
    return jdbc.sql("SELECT title FROM status_update WHERE incident_key = ? AND title IS NOT NULL"
        + " ORDER BY published_at DESC, id DESC").param(incidentKey).query(String.class).list().stream()
        .findFirst().orElse(null);
  }

  private void insertUpdate(String incidentKey, String phase, String title, String message, String jobKey) {
    if (jobKey != null && jdbc.sql("SELECT COUNT(*) FROM status_update WHERE job_key = ?").param(jobKey)
        .query(Long.class).single() > 0) {
      return;
    }
    String publicTitle = title == null || title.isBlank() ? null : title.trim();
    if (publicTitle != null && publicTitle.length() > 200) {
      publicTitle = publicTitle.substring(0, 200);
    }
    jdbc.sql("INSERT INTO status_update (incident_key, phase, title, message, published_at, job_key)"
        + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(incidentKey, phase, publicTitle, message, clock.now().atOffset(ZoneOffset.UTC), jobKey).update();
  }

  /** What the public page shows: the snapshot, and whether it is the last one kept during an outage. */
  public record Shown(Snapshot snapshot, boolean stale) {
    /** When the shown snapshot was read from the database. */
    public Instant renderedAt() {
      return snapshot.generatedAt();
    }
  }

  /** The page cannot be shown: the database is away and no snapshot was read since start. */
  public static class NotYetShown extends RuntimeException {
    NotYetShown(Throwable cause) {
      super("The status page has not been read from the database since Firebreak started", cause);
    }
  }

  /**
   * The page as of now, or — while the database is away or too slow — the last snapshot read, marked
   * stale, so the public page, feed and summary stay up in an outage and answer at once:
   * <ul>
   * <li>the database is known down ({@link DatabaseAvailability}): the last snapshot, without a read;</li>
   * <li>a live read is still waiting that some earlier answer already gave up on (the database has just
   * gone away, or the pool is drained): the last snapshot at once, no second read queued behind it —
   * the first answer to meet the outage waits {@link #LIVE_READ}, none after it;</li>
   * <li>otherwise a live read in a thread of its own, waited for at most {@link #LIVE_READ}.</li>
   * </ul>
   * The first snapshot is read when the application is ready ({@link #readFirst}), so no answer waits
   * for an unbounded first read.
   */
  public Shown shown() {
    Throwable failure = null;
    java.util.concurrent.Future<Snapshot> stuck = slowRead;
    boolean waitingAlready = stuck != null && !stuck.isDone() && lastGood != null;
    if (database.isUp() && !waitingAlready) {
      java.util.concurrent.Future<Snapshot> reading = READERS.submit(this::readLive);
      try {
        return new Shown(lastGood == null ? reading.get() : reading.get(LIVE_READ.toMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS), false);
      } catch (java.util.concurrent.TimeoutException slow) {
        // answers from now on do not wait for the database until this read has come back
        slowRead = reading;
        database.suspect();
        failure = slow;
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof org.springframework.dao.DataAccessException
            || e.getCause() instanceof org.springframework.transaction.TransactionException
            || e.getCause() instanceof org.camunda.bpm.engine.ProcessEngineException)) {
          throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        database.suspect();
        failure = e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = e;
      }
    }
    Snapshot kept = lastGood;
    if (kept == null) {
      throw new NotYetShown(failure);
    }
    return new Shown(kept, true);
  }

  /** A live read that some answer gave up waiting for, until it comes back (then null). */
  private volatile java.util.concurrent.Future<Snapshot> slowRead;

  private Snapshot readLive() {
    Snapshot snapshot = snapshot();
    lastGood = snapshot;
    return snapshot;
  }

  /**
   * The first snapshot, read once the application is ready (before readiness answers UP), so the
   * first visitor never waits for a read with nothing to fall back on. A database away at start
   * leaves the page to the first answer after it is back.
   */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void readFirst() {
    try {
      READERS.submit(this::readLive).get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      org.slf4j.LoggerFactory.getLogger(StatusPage.class).warn("The status page could not be read at start: {}",
          e.toString());
    }
  }

  public Snapshot snapshot() {
    Instant now = clock.now();
    List<PublicIncident> all = new ArrayList<>();
    for (IncidentRecord incident : incidents.list(new IncidentFilter(null, null, null))) {
      if (incident.drill()) {
        continue;
      }
      List<Update> updates = updates(incident.key());
      if (updates.isEmpty()) {
        continue;
      }
      all.add(toPublic(incident, updates));
    }
    List<PublicIncident> active = all.stream().filter(i -> !i.resolved())
        .sorted(Comparator.comparing(PublicIncident::startedAt).reversed()).toList();
    List<PublicIncident> history = all.stream().filter(PublicIncident::resolved)
        .filter(i -> i.resolvedAt().isAfter(now.minus(HISTORY)))
        .sorted(Comparator.comparing(PublicIncident::resolvedAt).reversed()).toList();
    Map<String, ComponentStatus> statuses = new LinkedHashMap<>();
    for (String service : catalog.names()) {
      statuses.put(componentName(service), ComponentStatus.OPERATIONAL);
    }
    for (PublicIncident incident : active) {
      statuses.merge(incident.component(), incident.componentStatus(), ComponentStatus::worst);
    }
    List<PublicMaintenance> maintenance = maintenances.endingAfter(now.minus(HISTORY)).stream()
        .map(m -> toPublic(m, now)).toList();
    java.util.Set<String> inMaintenance = new java.util.HashSet<>();
    maintenance.stream().filter(PublicMaintenance::inProgress).forEach(m -> inMaintenance.addAll(m.components()));
    statuses.replaceAll((name, status) -> ComponentStatus.withMaintenance(status, inMaintenance.contains(name)));
    List<Component> components = statuses.entrySet().stream()
        .map(e -> new Component(slug(e.getKey()), e.getKey(), e.getValue())).toList();
    ComponentStatus overall = components.stream().map(Component::status)
        .reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worst);
    return new Snapshot(now, overall, components, active, history, maintenance);
  }

  private PublicMaintenance toPublic(Maintenances.Maintenance maintenance, Instant now) {
    Maintenances.Status status = maintenance.status(now);
    return new PublicMaintenance(maintenance.publicId(), maintenance.title(), maintenances.componentNames(maintenance),
        status, maintenance.scheduledFor(), maintenance.scheduledUntil(),
        status == Maintenances.Status.COMPLETED ? maintenance.endsAt() : null, maintenance.createdAt(),
        maintenance.updates());
  }

  private PublicIncident toPublic(IncidentRecord incident, List<Update> updates) {
    Update latest = updates.get(updates.size() - 1);
    // over once resolved (or dismissed after it was made public): its component is no longer degraded
    boolean resolved = "resolved".equals(latest.phase()) || !incident.status().isOpen();
    Instant resolvedAt = !resolved ? null
        : incident.resolvedAt() != null ? incident.resolvedAt()
        : incident.closedAt() != null ? incident.closedAt() : latest.publishedAt();
    return new PublicIncident(incident.key().toLowerCase(), publicTitle(incident), componentName(incident.service()),
        resolved ? "resolved" : latest.phase(), ComponentStatus.forSeverity(incident.severity()),
        updates.get(0).publishedAt(), latest.publishedAt(), resolvedAt, updates);
  }

  /** The title last published, else the template title of the incident's type; never the internal title. */
  private String publicTitle(IncidentRecord incident) {
    String published = publishedTitle(incident.key());
    if (published != null) {
      return published;
    }
    IncidentType type = incident.incidentType() == null ? IncidentType.OUTAGE : incident.incidentType();
    return templates.title(type, componentName(incident.service()), templates.defaultLocale());
  }

  private List<Update> updates(String key) {
    return jdbc.sql("SELECT phase, message, published_at FROM status_update WHERE incident_key = ? ORDER BY published_at, id")
        .param(key)
        .query((rs, row) -> new Update(rs.getString("phase"), rs.getString("message"),
            rs.getObject("published_at", java.time.OffsetDateTime.class).toInstant()))
        .list();
  }

  String componentName(String service) {
    return catalog.find(service).map(s -> s.getComponent()).filter(c -> c != null && !c.isBlank()).orElse(service);
  }

  public String zone() {
    return properties.getZone().getId();
  }

  public String baseUrl() {
    return properties.getBaseUrl();
  }

  static String slug(String name) {
    return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
