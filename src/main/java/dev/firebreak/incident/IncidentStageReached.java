package dev.firebreak.incident;

/**
 * Published (synchronously, inside the transaction that records it) when an incident reaches a
 * stage, so other features can follow it without the incident feature knowing them.
 */
public record IncidentStageReached(String incidentKey, IncidentStatus status) {
}
