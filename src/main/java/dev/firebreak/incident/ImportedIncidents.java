package dev.firebreak.incident;

import dev.firebreak.platform.i18n.TimelineWords;
import dev.firebreak.platform.time.EngineClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records past incidents brought in by an import (issue 14.5; the imports feature calls this): a key
 * of the year the incident was detected in (the same counter as declarations), {@code imported=true},
 * the real times, and one timeline entry saying where it came from. No process starts, no event is
 * published, nothing is sent.
 */
@Service
public class ImportedIncidents {

  /** The one timeline entry of an import. */
  public static final String TIMELINE_KIND = "imported";

  private final IncidentRepository repository;
  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final TimelineWords words;

  ImportedIncidents(IncidentRepository repository, JdbcClient jdbc, EngineClock clock, TimelineWords words) {
    this.repository = repository;
    this.jdbc = jdbc;
    this.clock = clock;
    this.words = words;
  }

  /** Records the incident with a fresh key of the year it was detected in; returns the key. */
  @Transactional(propagation = Propagation.MANDATORY)
  public String record(ImportedIncident past, String sourceLabel, String sourceId, String importedBy) {
    int year = past.detectedAt().atZone(ZoneOffset.UTC).getYear();
    String key = IncidentKey.format(year, repository.nextNumber(year));
    jdbc.sql("""
        INSERT INTO incident (incident_key, title, service, incident_type, impact_scope, severity, status,
          escalation_level, commander, description, drill, source, declared_by, process_instance_id,
          detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at, closed_at,
          impact_started_at, impact_start_corrected, imported)
        VALUES (:key, :title, :service, :type, :impact, :severity, :status, 1, :commander, :description, FALSE,
          :source, :declaredBy, NULL, :detected, :declared, :acknowledged, :mitigated, :resolved, :closed,
          :impactStarted, TRUE, TRUE)""")
        .param("key", key)
        .params(columns(past))
        .param("declaredBy", importedBy)
        .update();
    repository.appendTimeline(key, clock.now(), TIMELINE_KIND, importedBy,
        words.get("imported", sourceLabel, sourceId), java.util.Map.of("source", sourceLabel, "sourceId", sourceId));
    return key;
  }

  /** The source record changed: the incident takes its new content (the key stays). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void update(String key, ImportedIncident past, String sourceLabel, String sourceId, String importedBy) {
    int updated = jdbc.sql("""
        UPDATE incident SET title = :title, service = :service, incident_type = :type, impact_scope = :impact,
          severity = :severity, status = :status, commander = :commander, description = :description,
          source = :source, detected_at = :detected, declared_at = :declared, acknowledged_at = :acknowledged,
          mitigated_at = :mitigated, resolved_at = :resolved, closed_at = :closed,
          impact_started_at = :impactStarted
        WHERE incident_key = :key AND imported = TRUE""")
        .params(columns(past))
        .param("key", key)
        .update();
    if (updated != 1) {
      throw new IncidentNotFoundException(key);
    }
    repository.appendTimeline(key, clock.now(), TIMELINE_KIND, importedBy,
        words.get("imported.updated", sourceLabel, sourceId),
        java.util.Map.of("source", sourceLabel, "sourceId", sourceId));
  }

  private static java.util.Map<String, Object> columns(ImportedIncident past) {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("title", past.title());
    values.put("service", past.service());
    values.put("type", past.incidentType().code());
    values.put("impact", past.impactScope().code());
    values.put("severity", past.severity().code());
    values.put("status", past.status().code());
    values.put("commander", past.commander());
    values.put("description", past.description());
    values.put("source", past.source());
    values.put("detected", utc(past.detectedAt()));
    values.put("declared", utc(past.declaredAt()));
    values.put("acknowledged", utc(past.acknowledgedAt()));
    values.put("mitigated", utc(past.mitigatedAt()));
    values.put("resolved", utc(past.resolvedAt()));
    values.put("closed", utc(past.closedAt()));
    values.put("impactStarted", utc(past.impactStartedAt()));
    return values;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
