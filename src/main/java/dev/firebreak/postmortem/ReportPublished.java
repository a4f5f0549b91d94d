package dev.firebreak.postmortem;

/**
 * An incident report was published (revision 1) or re-published (an action item changed state, an
 * approved correction): a Spring application event, published inside the transaction that stored the
 * snapshot (use {@code @TransactionalEventListener} to act after it commits).
 */
public record ReportPublished(String incidentKey, int revision, String reason, IncidentReport report) {
}
