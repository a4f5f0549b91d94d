package dev.firebreak.incident;

/** Filters for listing incidents; null means any. */
public record IncidentFilter(String status, String severity, String service) {
}
