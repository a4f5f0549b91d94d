package dev.firebreak.incident;

import java.time.OffsetDateTime;

/** Body of POST /api/incidents. Names match the incident process's variables. */
public record DeclareIncidentRequest(
    String title,
    String service,
    String incidentType,
    String impactScope,
    Integer serviceTier,
    Boolean customerFacing,
    Boolean dataIntegrityAtRisk,
    String alertSeverity,
    String description,
    OffsetDateTime detectedAt) {
}
