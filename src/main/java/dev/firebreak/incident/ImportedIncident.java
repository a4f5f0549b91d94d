package dev.firebreak.incident;

import java.time.Instant;

/**
 * A past incident as it happened, brought in by an import (issue 14.5): its real times and
 * classification. It starts no process; {@link ImportedIncidents} records it as imported.
 */
public record ImportedIncident(
    String title,
    String service,
    IncidentType incidentType,
    ImpactScope impactScope,
    Severity severity,
    /** The summary; may be null. */
    String description,
    /** May be null. */
    String commander,
    /** Where it came from, e.g. {@code pagerduty}: the record's {@code source}. */
    String source,
    /** Null means "as detected". */
    Instant impactStartedAt,
    Instant detectedAt,
    Instant declaredAt,
    Instant acknowledgedAt,
    Instant mitigatedAt,
    Instant resolvedAt,
    /** Null: the incident stays resolved. */
    Instant closedAt) {

  /** Closed when it has a closing time, else resolved: an imported incident is always over. */
  public IncidentStatus status() {
    return closedAt != null ? IncidentStatus.CLOSED : IncidentStatus.RESOLVED;
  }
}
