package dev.firebreak.postmortem;

import java.time.Instant;

/**
 * An incident report was published (or published again): a Spring event, sent inside the publishing
 * transaction, so what listens to it (the knowledge base, floor 6) is written with the report or not
 * at all. The sections are the post-mortem author's words as approved; {@code resolution} is what
 * restored the service (the incident's resolution summary); {@code report} the whole report as
 * published (Markdown).
 */
public record IncidentReportPublished(String incidentKey, String summary, String cause, String resolution,
    String prevention, String lessons, String report, Instant publishedAt) {
}
