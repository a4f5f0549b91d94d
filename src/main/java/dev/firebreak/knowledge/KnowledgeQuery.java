package dev.firebreak.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * A search of the knowledge base: words (any order; each must occur, as a word or inside one), and
 * filters (null: any). {@code from} inclusive, {@code to} exclusive, on when the incident began.
 */
public record KnowledgeQuery(String text, String service, String type, String severity, Instant from, Instant to,
    int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public KnowledgeQuery {
    text = blankToNull(text);
    service = blankToNull(service);
    type = blankToNull(type);
    severity = blankToNull(severity);
    limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
  }

  /** Everything, newest first. */
  public static KnowledgeQuery of(String text) {
    return new KnowledgeQuery(text, null, null, null, null, null, DEFAULT_LIMIT);
  }

  /** The words searched for, lower case, at most ten. */
  public List<String> words() {
    return Words.of(text);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
