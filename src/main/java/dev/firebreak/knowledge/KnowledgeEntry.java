package dev.firebreak.knowledge;

import java.time.Instant;

/**
 * One published incident report in the knowledge base: what it is about (key, title, service, type,
 * severity), the post-mortem's words (summary, cause, what resolved it, lessons), the whole report as
 * published, when the incident began and when the report was first and last published.
 */
public record KnowledgeEntry(String key, String title, String service, String type, String severity,
    String summary, String cause, String resolution, String lessons, String fullText, Instant occurredAt,
    Instant publishedAt, Instant updatedAt) {

  /** Whether the post-mortem wrote a cause. */
  public boolean hasCause() {
    return cause != null && !cause.isBlank();
  }
}
