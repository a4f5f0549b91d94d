package dev.firebreak.incident;

import java.time.Instant;

/** One row of the incident table: what an incident is and where it stands. */
public record IncidentRecord(
    String key,
    String title,
    String service,
    String incidentType,
    String impactScope,
    String severity,
    String status,
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
    int alertCount) {
}
