package dev.firebreak.knowledge;

import java.util.List;

/**
 * The database's half of the knowledge base: ranked search and similar incidents. PostgreSQL has
 * full-text search with weights and trigrams under GIN indexes ({@link PostgresKnowledgeSearch}); any
 * other database (H2, the embedded default) a plain word match ({@link PortableKnowledgeSearch}).
 * Both answer the same questions, in the same shape.
 */
interface KnowledgeSearch {

  /** An entry and how well it matched (higher is better; comparable within one answer only). */
  record Found(KnowledgeEntry entry, double score) {
  }

  /** What an incident is like: its service, type and words (title, description); never itself. */
  record Likeness(String key, String service, String type, String text) {
  }

  /**
   * What a search found; {@code degraded}: the ranked search ran out of its time, these are the first
   * matching entries found, unranked (possibly none).
   */
  record Answer(List<Found> found, boolean degraded) {
  }

  /** Matching entries, best first; without words, the newest first. */
  Answer search(KnowledgeQuery query);

  /**
   * Entries like this incident, at most {@code limit}: same service and type, then same service or
   * type, then only alike in words; within each, those with a written cause first, then by likeness of
   * words, then the newest.
   */
  List<Found> similar(Likeness likeness, int limit);
}
