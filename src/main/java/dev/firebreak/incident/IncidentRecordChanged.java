package dev.firebreak.incident;

/**
 * Published (inside the transaction that writes it) whenever {@link Incidents} changes an
 * incident's record or timeline: declared, classified, acknowledged, a stage, a note, a link, an
 * alert. The situation board's live stream sends it on once the transaction committed.
 */
public record IncidentRecordChanged(String incidentKey) {
}
