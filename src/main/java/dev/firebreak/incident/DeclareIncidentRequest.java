package dev.firebreak.incident;

import dev.firebreak.platform.process.Coded;
import java.time.OffsetDateTime;

/**
 * Body of POST /api/incidents, as typed (choices as strings, so a wrong one gets a field message).
 * Names match the incident process's variables; {@link IncidentDeclarations} checks it, then
 * {@link #declaration()} turns it into the declaration.
 */
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

  /** The declaration this (checked) request makes; its source is the API. */
  IncidentDeclaration declaration() {
    return new IncidentDeclaration(title.trim(), service,
        Coded.fromCode(IncidentType.class, incidentType).orElse(null),
        Coded.fromCode(ImpactScope.class, impactScope).orElse(null),
        serviceTier, customerFacing, dataIntegrityAtRisk,
        Coded.fromCode(AlertSeverity.class, alertSeverity).orElse(null),
        description, detectedAt == null ? null : detectedAt.toInstant(), null, IncidentDeclaration.SOURCE_API);
  }
}
