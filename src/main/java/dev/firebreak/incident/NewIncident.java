package dev.firebreak.incident;

import java.time.Instant;

/** What is known when an incident is recorded. */
public record NewIncident(
    String title,
    String service,
    String incidentType,
    String impactScope,
    String description,
    boolean drill,
    String source,
    String declaredBy,
    String processInstanceId,
    Instant detectedAt) {
}
