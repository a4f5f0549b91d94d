package dev.firebreak.intake;

import dev.firebreak.platform.time.EngineClock;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.IncidentDeclaration;
import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.incident.AlertSeverity;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.process.JobBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns stored alert events into incidents, group by group: one incident per alert group. Groups
 * are worked in parallel ({@code firebreak.intake.processor-threads} workers), each in its own
 * transaction. The group row is locked while deciding, so two workers or nodes never start two
 * incidents for a group; events leave the queue (processed = true) in the same transaction, so
 * a failure leaves them to be processed again and nothing is lost.
 */
@Component
class AlertProcessor implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AlertProcessor.class);

  /** What processing did. */
  record Result(int started, int updated, int resolved, int recorded) {
    Result plus(Result other) {
      return new Result(started + other.started, updated + other.updated, resolved + other.resolved,
          recorded + other.recorded);
    }
  }

  private final Semaphore signal = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;
  /** The workers that process groups; one group is never given to two of them in one round. */
  private final ExecutorService groupWorkers;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final RuntimeService runtime;
  private final Incidents incidents;
  private final ServiceCatalog catalog;
  private final MeterRegistry meters;
  private final ObjectMapper json;
  private final EngineClock clock;
  private final AlertClassifier classifier;
  private final Texts texts;
  private final dev.firebreak.platform.i18n.ModelWords modelWords;
  private final JobBudget budget;

  AlertProcessor(JdbcClient jdbc, TransactionTemplate transactions, @Lazy RuntimeService runtime, Incidents incidents,
      ServiceCatalog catalog, MeterRegistry meters, ObjectMapper json, EngineClock clock, AlertClassifier classifier,
      IntakeProperties properties, Texts texts, JobBudget budget, dev.firebreak.platform.i18n.ModelWords modelWords) {
    this.texts = texts;
    this.budget = budget;
    this.modelWords = modelWords;
    AtomicInteger workerNumber = new AtomicInteger();
    this.groupWorkers = Executors.newFixedThreadPool(properties.getProcessorThreads(), task -> {
      Thread thread = new Thread(task, "alert-processor-" + workerNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.clock = clock;
    this.classifier = classifier;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.runtime = runtime;
    this.incidents = incidents;
    this.catalog = catalog;
    this.meters = meters;
    this.json = json;
  }

  /** New events were stored: process them soon. */
  void wakeUp() {
    signal.release();
  }

  /**
   * Processes every pending event, the groups in parallel; returns how many groups were handled.
   * Safe to call concurrently (and on several nodes): the group's row lock decides.
   */
  int processPending() {
    int handled = 0;
    // while rounds start incidents (a storm of new groups), the job executor keeps to its small
    // budget between the rounds too; a round of updates only gives it back
    JobBudget.Urgent starting = null;
    try {
      for (int round = 0; round < 1000; round++) {
        List<String> groups = jdbc.sql("SELECT DISTINCT group_key FROM alert_event WHERE processed = FALSE")
            .query(String.class).list();
        if (groups.isEmpty()) {
          return handled;
        }
        List<Future<Outcome>> results = new ArrayList<>(groups.size());
        for (String group : groups) {
          results.add(groupWorkers.submit(() -> processOne(group)));
        }
        int before = handled;
        boolean started = false;
        for (Future<Outcome> result : results) {
          Outcome outcome = waitFor(result);
          if (outcome != Outcome.FAILED) {
            handled++;
          }
          started |= outcome == Outcome.STARTED;
        }
        if (started && starting == null) {
          starting = budget.urgent();
        } else if (!started && starting != null) {
          starting.close();
          starting = null;
        }
        if (handled == before) {
          sleep(200);
        }
      }
      return handled;
    } finally {
      if (starting != null) {
        starting.close();
      }
    }
  }

  /** What processing one group did. */
  private enum Outcome { FAILED, HANDLED, STARTED }

  /** One group in its own transaction; FAILED when it raced or failed (its events stay queued). */
  private Outcome processOne(String group) {
    // a group that will open an incident gets its key first, in a moment of its own: the year's
    // counter row is then not locked while the incident starts, and groups start in parallel
    Reservation reservation = new Reservation(needsIncident(group) ? incidents.reserveKey() : null);
    // while an incident starts, the job executor keeps to its small budget (JobBudget)
    try (JobBudget.Urgent starting = reservation.key == null ? null : budget.urgent()) {
      transactions.executeWithoutResult(status -> processGroup(group, reservation));
      boolean started = reservation.used;
      reservation.end(incidents);
      return started ? Outcome.STARTED : Outcome.HANDLED;
    } catch (DataIntegrityViolationException | TransientDataAccessException | OptimisticLockingException raced) {
      log.debug("Group {} raced with another processor; trying again: {}", group, raced.toString());
    } catch (RuntimeException e) {
      log.error("Could not process the alerts of group {}; they stay queued and are tried again", group, e);
    }
    reservation.used = false;
    reservation.end(incidents);
    return Outcome.FAILED;
  }

  /** The key reserved for a group's new incident; taken by its first start, released when unused. */
  private static final class Reservation {
    private final String key;
    private boolean used;

    Reservation(String key) {
      this.key = key;
    }

    /** The reserved key once (the first incident the group starts in this transaction), then null. */
    String take() {
      if (key == null || used) {
        return null;
      }
      used = true;
      return key;
    }

    void end(Incidents incidents) {
      if (key == null) {
        return;
      }
      try {
        if (used) {
          incidents.keyUsed(key);
        } else {
          incidents.releaseKey(key);
        }
      } catch (RuntimeException e) {
        log.warn("Could not give back the unused incident key {}: {}", key, e.toString());
      }
    }
  }

  /** Whether the group's pending alerts will open an incident: it has none open, and an alert fires. */
  private boolean needsIncident(String group) {
    Optional<String> current = jdbc.sql("SELECT incident_key FROM alert_group WHERE group_key = ?").param(group)
        .query((rs, row) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(key -> key);
    if (current.flatMap(incidents::find).filter(incident -> incident.status().isOpen()).isPresent()) {
      return false;
    }
    return jdbc.sql("SELECT COUNT(*) FROM alert_event WHERE group_key = ? AND processed = FALSE AND status = 'firing'")
        .param(group).query(Long.class).single() > 0;
  }

  private static Outcome waitFor(Future<Outcome> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.FAILED;
    } catch (ExecutionException e) {
      return Outcome.FAILED;
    }
  }

  private void processGroup(String group, Reservation reservation) {
    // the group's incident as locked now; kept up to date below (one lock, not one per event)
    GroupKey current = new GroupKey(lockGroup(group));
    List<Map<String, Object>> rows = jdbc.sql(
        "SELECT id, payload FROM alert_event WHERE group_key = ? AND processed = FALSE ORDER BY id")
        .param(group).query().listOfRows();
    if (rows.isEmpty()) {
      return;
    }
    Map<String, List<AlertEvent>> updates = new LinkedHashMap<>();
    Result result = new Result(0, 0, 0, 0);
    String source = null;
    for (Map<String, Object> row : rows) {
      AlertEvent event = fromJson((String) row.get("payload"));
      source = event.source();
      result = result.plus(event.status() == AlertEvent.Status.FIRING ? fire(event, group, current, updates, reservation)
          : resolve(event, group, current));
      jdbc.sql("UPDATE alert_event SET processed = TRUE, incident_key = ? WHERE id = ?")
          .params(current.key.orElse(null), ((Number) row.get("id")).longValue()).update();
    }
    updates.forEach(this::noteUpdates);
    count(source, result);
  }

  private AlertEvent fromJson(String payload) {
    try {
      return json.readValue(payload, AlertEvent.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Stored alert is not readable: " + e.getMessage(), e);
    }
  }

  @Override
  public void start() {
    running = true;
    worker = new Thread(this::loop, "alert-processor");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void stop() {
    running = false;
    signal.release();
    if (worker != null) {
      try {
        worker.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    groupWorkers.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // after the process engine and the web server, before shutdown of both
    return Integer.MAX_VALUE - 100;
  }

  private void loop() {
    while (running) {
      try {
        signal.tryAcquire(1, TimeUnit.SECONDS);
        signal.drainPermits();
        if (running) {
          processPending();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("Alert processing failed; retrying", e);
        sleep(1000);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** New alerts of an open incident, once per processing round: one timeline entry, one AlertUpdated. */
  private void noteUpdates(String key, List<AlertEvent> events) {
    incidents.countAlerts(key, events.size());
    events.stream().map(AlertEvent::startsAt).min(java.util.Comparator.naturalOrder())
        .ifPresent(startsAt -> incidents.alertStarted(key, startsAt));
    AlertEvent first = events.get(0);
    Map<String, Object> details = details(first);
    if (events.size() > 1) {
      details.put("alerts", events.stream().map(AlertProcessor::details).toList());
    }
    incidents.note(key, null, TimelineEntry.Kind.ALERT, events.size() > 1
        ? incidents.words().get("alert.update.more", describe(first), events.size() - 1)
        : incidents.words().get("alert.update", describe(first)), details);
    runtime.createMessageCorrelation(MESSAGE_ALERT_UPDATED).processInstanceBusinessKey(key)
        .setVariable(ALERT_COUNT.name(), incidents.require(key).alertCount())
        .correlateAllWithResult();
  }


  /** The incident key of a locked group's row, as this transaction changes it. */
  private static final class GroupKey {
    private Optional<String> key;

    GroupKey(Optional<String> key) {
      this.key = key;
    }
  }

  private Result fire(AlertEvent event, String group, GroupKey locked, Map<String, List<AlertEvent>> updates,
      Reservation reservation) {
    Optional<String> current = locked.key;
    Optional<IncidentRecord> open = current.flatMap(incidents::find)
        .filter(incident -> incident.status().isOpen());
    String key;
    Result result;
    if (open.isPresent()) {
      key = open.get().key();
      updates.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
      result = new Result(0, 1, 0, 0);
    } else {
      key = startIncident(event, reservation.take());
      current.ifPresent(previous -> linkEarlier(key, previous));
      jdbc.sql("UPDATE alert_group SET incident_key = ?, updated_at = ? WHERE group_key = ?")
          .params(key, clock.now().atOffset(ZoneOffset.UTC), group).update();
      locked.key = Optional.of(key);
      result = new Result(1, 0, 0, 0);
    }
    saveState(event, group, key);
    return result;
  }

  private Result resolve(AlertEvent event, String group, GroupKey locked) {
    String key = locked.key.orElse(null);
    saveState(event, group, key);
    if (key == null) {
      return new Result(0, 0, 0, 1);
    }
    Optional<IncidentRecord> incident = incidents.find(key);
    long stillFiring = jdbc.sql("SELECT COUNT(*) FROM alert_state WHERE group_key = ? AND incident_key = ? AND status = 'firing'")
        .params(group, key).query(Long.class).single();
    if (incident.isEmpty() || stillFiring > 0) {
      if (incident.isPresent()) {
        incidents.note(key, null, TimelineEntry.Kind.ALERT, incidents.words().get("alert.resolved", describe(event), stillFiring), details(event));
      }
      return new Result(0, 0, 0, 1);
    }
    incidents.note(key, null, TimelineEntry.Kind.ALERT,
        incidents.words().get("alert.resolved.all", describe(event)), details(event));
    if (incident.get().status().isOpen()) {
      runtime.createMessageCorrelation(MESSAGE_ALERTS_RESOLVED).processInstanceBusinessKey(key)
          .setVariable(SIGNAL_RECOVERED.name(), true)
          .correlateAllWithResult();
    }
    return new Result(0, 0, 1, 0);
  }

  /** The group's current incident key; the row stays locked until the transaction ends. */
  private Optional<String> lockGroup(String group) {
    List<Optional<String>> rows = jdbc.sql("SELECT incident_key FROM alert_group WHERE group_key = ? FOR UPDATE")
        .param(group).query((rs, row) -> Optional.ofNullable(rs.getString(1))).list();
    if (rows.isEmpty()) {
      // a concurrent first alert of the same group fails here on the primary key and retries
      jdbc.sql("INSERT INTO alert_group (group_key, incident_key, updated_at) VALUES (?, NULL, ?)")
          .params(group, clock.now().atOffset(ZoneOffset.UTC)).update();
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
  }

  private String startIncident(AlertEvent event, String reservedKey) {
    AlertSeverity alertSeverity = alertSeverity(event);
    AlertClassifier.Classification classification = classifier.classify(event, alertSeverity);
    String serviceNote = serviceNote(classification);
    var correlation = runtime.createMessageCorrelation(MESSAGE_ALERT_FIRED)
        .setVariables(declaration(event, alertSeverity, classification).toVariables())
        .setVariable(ALERT_COUNT.name(), 1);
    if (reservedKey != null) {
      correlation.setVariable(INCIDENT_KEY.name(), reservedKey);
    }
    if (serviceNote != null) {
      correlation.setVariable(SERVICE_NOTE.name(), serviceNote);
    }
    ProcessInstance instance = correlation.correlateStartMessage();
    // Record incident gave the process its key as business key (no second read of the variable)
    String key = instance.getBusinessKey() != null ? instance.getBusinessKey()
        : (String) runtime.getVariable(instance.getId(), INCIDENT_KEY.name());
    incidents.countAlert(key);
    incidents.note(key, null, TimelineEntry.Kind.ALERT, incidents.words().get("alert.firing", describe(event)), details(event));
    incidents.note(key, null, TimelineEntry.Kind.DECISION, summary(classification), details(classification));
    if (serviceNote != null && catalog.knows(classification.service())) {
      // an unknown service is flagged by the incident itself (RecordIncident); a corrected label here
      incidents.note(key, null, TimelineEntry.Kind.ALERT, serviceNote,
          Map.of("serviceLabel", classification.serviceLabel(), "service", classification.service()));
    }
    return key;
  }

  /** What triage should know about the alert's service label, or null when the catalog knows it. */
  private String serviceNote(AlertClassifier.Classification classification) {
    if (!classification.labelUnknown(catalog) || !catalog.knows(classification.service())) {
      return null;
    }
    return incidents.words().get(classification.serviceLabel().isEmpty() ? "alert.service.none" : "alert.service.unknown",
        classification.service(), classification.serviceLabel());
  }

  private String summary(AlertClassifier.Classification classification) {
    String why = classification.rules().stream()
        .map(rule -> modelWords.rule(AlertClassification.DECISION, rule.id(), rule.description()))
        .filter(d -> !d.isBlank()).reduce((a, b) -> a + " " + b).orElse("");
    return incidents.words().get(why.isEmpty() ? "alert.classified" : "alert.classified.why", classification.service(),
        inWords("type." + classification.incidentType().code()),
        inWords("impact." + classification.impactScope().code()), why);
  }

  /** A type's or scope's label in the timeline's language, lower-case inside the sentence. */
  private String inWords(String code) {
    Locale locale = incidents.words().locale();
    return texts.get(locale, code).toLowerCase(locale);
  }

  private static Map<String, Object> details(AlertClassifier.Classification classification) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decision", AlertClassification.DECISION);
    details.put("inputs", classification.inputs());
    details.put("matchedRules", classification.rules().stream().map(rule -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", rule.id());
      entry.put("description", rule.description());
      entry.put("decided", rule.decided());
      return entry;
    }).toList());
    details.put("outputs", classification.outputs());
    return details;
  }

  private void linkEarlier(String key, String previous) {
    incidents.link(key, new IncidentLink("previous-incident", previous, "/api/incidents/" + previous));
    incidents.note(key, null, TimelineEntry.Kind.ALERT, incidents.words().get("alert.again", previous), Map.of("previousIncident", previous));
  }

  /**
   * The declaration the severity decision reads: service, type and impact as dmn/alert-classification
   * decided them; title, alert severity, description, data at risk and the start from the alert.
   */
  IncidentDeclaration declaration(AlertEvent event, AlertSeverity alertSeverity,
      AlertClassifier.Classification classification) {
    String service = classification.service();
    String title = truncate(Optional.ofNullable(event.annotation("summary"))
        .orElse(event.label("alertname") + " on " + service), 200);
    String description = truncate(Optional.ofNullable(event.annotation("description"))
        .orElse(Optional.ofNullable(event.annotation("impact")).orElse("")), 4000);
    return new IncidentDeclaration(title, service, classification.incidentType(), classification.impactScope(), null, null,
        "true".equalsIgnoreCase(event.label("data_integrity_at_risk")), alertSeverity, description,
        event.startsAt(), null, event.source());
  }

  /** The label {@code severity} as the incident reads it; warning when it is not one of the codes. */
  private static AlertSeverity alertSeverity(AlertEvent event) {
    String severityLabel = Optional.ofNullable(event.label("severity")).orElse("").trim().toLowerCase();
    return Coded.fromCode(AlertSeverity.class, severityLabel).orElse(AlertSeverity.WARNING);
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
    if (source == null) {
      return;
    }
    increment(source, "started", result.started());
    increment(source, "updated", result.updated());
    increment(source, "resolved", result.resolved());
    increment(source, "recorded", result.recorded());
  }

  private void increment(String source, String outcome, int amount) {
    if (amount > 0) {
      meters.counter("firebreak.alerts.received", "source", source, "outcome", outcome).increment(amount);
    }
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
