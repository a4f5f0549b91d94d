package dev.firebreak.incident;

/**
 * The severity on an incident's record changed (a decision, an override at triage, a later change):
 * published by {@link Incidents#classify} in the transaction that changed it.
 */
public record IncidentSeverityChanged(String key, Severity from, Severity to) {
}
