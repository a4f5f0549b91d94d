package dev.firebreak.incident;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.i18n.TimelineWords;
import dev.firebreak.platform.time.EngineClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The incident feature's service: records, their stages and their timeline. Other features
 * write to an incident only through here.
 */
@Service
public class Incidents {

  /** The transaction resource holding the keys known to exist in it ({@link #exists}). */
  private static final Object KNOWN = new Object();

  private final IncidentRepository repository;
  /** Keys reserved by {@link #reserveKey} and not yet used or released (on this node). */
  private final java.util.Set<String> reserved = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ApplicationEventPublisher events;
  private final EngineClock clock;
  private final FirebreakProperties properties;
  private final TimelineWords words;
  private final Texts texts;

  Incidents(IncidentRepository repository, ApplicationEventPublisher events, EngineClock clock,
      FirebreakProperties properties, TimelineWords words, Texts texts) {
    this.repository = repository;
    this.events = events;
    this.clock = clock;
    this.properties = properties;
    this.words = words;
    this.texts = texts;
  }

  /** The timeline's own words in the configured language (timeline/timeline*.properties). */
  public TimelineWords words() {
    return words;
  }

  /**
   * Creates the record of a declaration (with its defaults, see
   * {@link IncidentDeclaration#withDefaults}) with a fresh key INC-YYYY-NNNN and its first timeline
   * entry.
   */
  @Transactional
  public String record(IncidentDeclaration incident, String declaredBy, String processInstanceId) {
    return record(incident, declaredBy, processInstanceId, null);
  }

  /**
   * {@link #record(IncidentDeclaration, String, String)} with the key {@code reservedKey} when it
   * was reserved ({@link #reserveKey}) and not used yet; otherwise with a fresh key.
   */
  @Transactional
  public String record(IncidentDeclaration incident, String declaredBy, String processInstanceId, String reservedKey) {
    Instant declaredAt = clock.now();
    int year = declaredAt.atZone(ZoneOffset.UTC).getYear();
    String key = reservedKey != null && reserved.contains(reservedKey) && !repository.exists(reservedKey)
        ? reservedKey : IncidentKey.format(year, repository.nextNumber(year));
    repository.insert(key, incident, declaredBy, processInstanceId, declaredAt);
    knownInThisTransaction(key);
    repository.appendTimeline(key, declaredAt, TimelineEntry.Kind.DECLARED, declaredBy,
        words.get(incident.isDrill() ? "declared.drill" : "declared", incident.title(), incident.service(),
            incident.source()),
        null);
    events.publishEvent(new IncidentRecordChanged(key));
    return key;
  }

  /**
   * The next key, taken in a short transaction of its own, for an incident about to be recorded
   * ({@link #record(IncidentDeclaration, String, String, String)}): the year's counter row is locked
   * only for that moment, not for the whole start of the incident, so the alert processor starts
   * incidents of different groups in parallel. The caller ends the reservation with
   * {@link #keyUsed} or {@link #releaseKey}.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public String reserveKey() {
    int year = clock.now().atZone(ZoneOffset.UTC).getYear();
    String key = IncidentKey.format(year, repository.nextNumber(year));
    reserved.add(key);
    return key;
  }

  /** The reserved key names a recorded incident now. */
  public void keyUsed(String key) {
    reserved.remove(key);
  }

  /**
   * A reserved key that no incident took (the start failed or was not needed): its number is given
   * back when no later one was taken meanwhile; otherwise it stays unused, a gap in the year's keys.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void releaseKey(String key) {
    if (reserved.remove(key) && repository.find(key).isEmpty()) {
      String[] parts = key.split("-");
      repository.giveBack(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
  }

  public Optional<IncidentRecord> find(String key) {
    Optional<IncidentRecord> found = repository.find(key);
    found.ifPresent(record -> knownInThisTransaction(record.key()));
    return found;
  }

  /**
   * Whether the incident exists. Within a transaction an incident once recorded or read there is
   * known to exist until it ends (incidents are never deleted), so the writes of one incident start
   * (record, decisions, timeline, alert counts) ask the database once, not before every write.
   */
  public boolean exists(String key) {
    if (key == null) {
      return false;
    }
    java.util.Set<String> known = knownHere();
    if (known != null && known.contains(key)) {
      return true;
    }
    boolean exists = repository.exists(key);
    if (exists) {
      knownInThisTransaction(key);
    }
    return exists;
  }

  public IncidentRecord require(String key) {
    return find(key).orElseThrow(() -> new IncidentNotFoundException(key));
  }

  public List<IncidentRecord> list(IncidentFilter filter) {
    return repository.list(filter);
  }

  /** The incident whose lifecycle is this (root) process instance, if any. */
  public Optional<String> keyOfProcessInstance(String processInstanceId) {
    return processInstanceId == null ? Optional.empty() : repository.keyOfProcessInstance(processInstanceId);
  }

  public List<TimelineEntry> timeline(String key) {
    return repository.timeline(key);
  }

  public List<IncidentLink> links(String key) {
    return repository.links(key);
  }

  @Transactional
  public void note(String key, String actor, String kind, String summary, Object details) {
    requireExists(key);
    repository.appendTimeline(key, clock.now(), kind, actor, summary, details);
    events.publishEvent(new IncidentRecordChanged(key));
  }

  /**
   * A responder's note; one that starts with a time of day ("14:35 …") is placed at the most recent
   * such time in the zone ({@link NoteTime}), and the posting time is kept as {@code recordedAt}.
   */
  @Transactional
  public TimelineEntry addNote(String key, String actor, String text) {
    requireExists(key);
    Instant now = clock.now();
    NoteTime note = NoteTime.parse(text, now, properties.getZone());
    java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("text", text.trim());
    if (note.statedTime() != null) {
      details.put("statedTime", note.statedTime());
    }
    repository.appendTimeline(key, note.occurredAt(), now, TimelineEntry.Kind.NOTE, actor, note.text(), details);
    return repository.timeline(key).stream().filter(e -> e.kind().equals(TimelineEntry.Kind.NOTE))
        .reduce((a, b) -> a.id() > b.id() ? a : b).orElseThrow();
  }

  /**
   * Updates whichever classification fields are given (null keeps the current value); a changed
   * severity is announced as {@link IncidentSeverityChanged}.
   */
  @Transactional
  public void classify(String key, String incidentType, String impactScope, String severity,
      Integer escalationLevel, String commander) {
    Severity before = null;
    if (severity == null) {
      requireExists(key);
    } else {
      before = require(key).severity();
    }
    repository.updateClassification(key, incidentType, impactScope, severity, escalationLevel, commander);
    if (severity != null) {
      Severity after = dev.firebreak.platform.process.Coded.fromCode(Severity.class, severity)
          .orElseGet(() -> require(key).severity());
      if (after != before) {
        events.publishEvent(new IncidentSeverityChanged(key, before, after));
      }
    }
    events.publishEvent(new IncidentRecordChanged(key));
  }

  @Transactional
  public void reachStage(String key, IncidentStatus status, String actor) {
    requireExists(key);
    Instant at = clock.now();
    repository.updateStatus(key, status, at);
    repository.appendTimeline(key, at, TimelineEntry.Kind.STAGE, actor, words.get("stage", texts.get(words.locale(), "status." + status.code())),
        java.util.Map.of("status", status.code()));
    events.publishEvent(new IncidentStageReached(key, status));
    events.publishEvent(new IncidentRecordChanged(key));
  }

  /**
   * Someone took the incident on (e.g. the Acknowledge button in Slack) before triage finished: the
   * first acknowledgement sets {@code acknowledgedAt} (kept afterwards; the status does not change,
   * triage still decides whether the incident is real). Returns the acknowledgement time in force.
   */
  @Transactional
  public Instant acknowledge(String key, String actor, String summary, Object details) {
    requireExists(key);
    Instant at = clock.now();
    repository.markAcknowledged(key, at);
    repository.appendTimeline(key, at, TimelineEntry.Kind.TASK, actor, summary, details);
    events.publishEvent(new IncidentRecordChanged(key));
    return require(key).acknowledgedAt();
  }

  @Transactional
  public void link(String key, IncidentLink link) {
    requireExists(key);
    repository.putLink(key, link);
    events.publishEvent(new IncidentRecordChanged(key));
  }

  /** One more alert fired for this incident. */
  @Transactional
  public void countAlert(String key) {
    countAlerts(key, 1);
  }

  /** More alerts fired for this incident. */
  @Transactional
  public void countAlerts(String key, int alerts) {
    requireExists(key);
    repository.countAlerts(key, alerts);
    events.publishEvent(new IncidentRecordChanged(key));
  }

  /**
   * An alert of the incident started at {@code startsAt}: the impact start (docs/kpis.md) moves back to
   * it when it is earlier, unless an incident commander corrected it.
   */
  @Transactional
  public void alertStarted(String key, Instant startsAt) {
    if (key != null && startsAt != null) {
      repository.alertStarted(key, startsAt);
    }
  }

  /**
   * Writes corrected times (null keeps one) and one timeline entry per changed time; the checks are
   * {@link TimeCorrections}'s.
   */
  @Transactional
  void correctTimes(String key, Instant impactStartedAt, Instant mitigatedAt, Instant resolvedAt,
      java.util.List<String> summaries, Object details, String actor) {
    requireExists(key);
    repository.correctTimes(key, impactStartedAt, mitigatedAt, resolvedAt);
    Instant now = clock.now();
    for (String summary : summaries) {
      repository.appendTimeline(key, now, TimelineEntry.Kind.CORRECTION, actor, summary, details);
    }
    events.publishEvent(new IncidentRecordChanged(key));
  }

  /** Open incidents per severity (drills excluded). */
  public java.util.Map<String, Long> openBySeverity() {
    return repository.openBySeverity();
  }

  private void requireExists(String key) {
    if (!exists(key)) {
      throw new IncidentNotFoundException(key);
    }
  }

  /** The keys known to exist in the current transaction; null outside one. */
  private java.util.Set<String> knownHere() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    java.util.Set<String> known = (java.util.Set<String>) TransactionSynchronizationManager.getResource(KNOWN);
    if (known == null) {
      java.util.Set<String> created = new java.util.HashSet<>();
      known = created;
      TransactionSynchronizationManager.bindResource(KNOWN, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void suspend() {
          // a transaction of its own (REQUIRES_NEW) runs meanwhile: it knows nothing of this one's writes
          TransactionSynchronizationManager.unbindResourceIfPossible(KNOWN);
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.bindResource(KNOWN, created);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(KNOWN);
        }
      });
    }
    return known;
  }

  private void knownInThisTransaction(String key) {
    java.util.Set<String> known = knownHere();
    if (known != null) {
      known.add(key);
    }
  }
}
