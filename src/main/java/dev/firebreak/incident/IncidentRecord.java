package dev.firebreak.incident;

import java.time.Instant;

/**
 * One row of the incident table: what an incident is and where it stands. The choices are their
 * enums; in JSON (and in the table) they are their codes.
 */
public record IncidentRecord(
    String key,
    String title,
    String service,
    IncidentType incidentType,
    ImpactScope impactScope,
    /** Null until the severity decision has run. */
    Severity severity,
    IncidentStatus status,
    int escalationLevel,
    String commander,
    String description,
    boolean drill,
    String source,
    String declaredBy,
    String processInstanceId,
    Instant detectedAt,
    Instant declaredAt,
    Instant acknowledgedAt,
    Instant mitigatedAt,
    Instant resolvedAt,
    Instant closedAt,
    int alertCount,
    /**
     * When the impact began (docs/kpis.md): the earliest alert {@code startsAt} of the incident, else
     * when it was detected; an incident commander may correct it. Never null.
     */
    Instant impactStartedAt,
    /** A past incident brought in by an import: counted in KPIs and flagged there. */
    boolean imported) {
}
