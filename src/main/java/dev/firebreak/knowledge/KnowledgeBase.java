package dev.firebreak.knowledge;

import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base: published incident reports, searchable (ranked, with highlighted snippets),
 * and the past incidents most like a current one. Owns table {@code knowledge_entry}; written by
 * {@link KnowledgeIndexer} when a report is published.
 */
@Service
public class KnowledgeBase {

  private final JdbcClient jdbc;
  private final KnowledgeSearch search;

  KnowledgeBase(JdbcClient jdbc, DataSource dataSource,
      @Value("${firebreak.knowledge.search-timeout:1s}") Duration searchTimeout,
      @Value("${firebreak.knowledge.similar-timeout:300ms}") Duration similarTimeout) {
    this.jdbc = jdbc;
    this.search = postgres(dataSource) ? new PostgresKnowledgeSearch(jdbc, searchTimeout, similarTimeout)
        : new PortableKnowledgeSearch(jdbc);
  }

  private static boolean postgres(DataSource dataSource) {
    try {
      String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
      return "PostgreSQL".equalsIgnoreCase(product);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database the knowledge base is on", e);
    }
  }

  /**
   * One search result: what the report is about, its score (higher is better, within this answer),
   * the snippet (HTML: escaped, the words in {@code <mark>}) and the path of the report.
   */
  public record Hit(String key, String title, String service, String type, String severity, Instant occurredAt,
      Instant publishedAt, double score, String snippet, String cause, String resolution, String reportPath) {
  }

  /** Which search runs here: "postgresql" (full text and trigrams) or "portable" (word match). */
  public String engine() {
    return search instanceof PostgresKnowledgeSearch ? "postgresql" : "portable";
  }

  /**
   * What a search answers: the hits, and whether it is {@code degraded} — the ranked search did not
   * finish within {@code firebreak.knowledge.search-timeout}, so these are the first matching reports
   * found, unranked (possibly none); the reader is told to narrow the search.
   */
  public record Answer(List<Hit> hits, boolean degraded) {
  }

  /** The hits of {@link #answer}. */
  @Transactional(readOnly = true)
  public List<Hit> search(KnowledgeQuery query) {
    return answer(query).hits();
  }

  @Transactional(readOnly = true)
  public Answer answer(KnowledgeQuery query) {
    List<String> words = query.words();
    KnowledgeSearch.Answer answer = search.search(query);
    return new Answer(answer.found().stream().map(found -> {
      KnowledgeEntry e = found.entry();
      return new Hit(e.key(), e.title(), e.service(), e.type(), e.severity(), e.occurredAt(), e.publishedAt(),
          Math.round(found.score() * 10000) / 10000.0, Snippets.of(e, words), e.cause(), e.resolution(),
          reportPath(e.key()));
    }).toList(), answer.degraded());
  }

  /** Up to {@code limit} published past incidents like this one (see {@link KnowledgeSearch#similar}). */
  @Transactional(readOnly = true)
  public List<KnowledgeEntry> similar(String key, String service, String type, String text, int limit) {
    return search.similar(new KnowledgeSearch.Likeness(key, service, type, text == null ? "" : text), limit)
        .stream().map(KnowledgeSearch.Found::entry).toList();
  }

  public Optional<KnowledgeEntry> entry(String key) {
    return jdbc.sql("SELECT " + SqlKnowledgeSearch.COLUMNS + " FROM knowledge_entry e WHERE e.incident_key = ?")
        .param(key).query((rs, row) -> SqlKnowledgeSearch.entry(rs)).optional();
  }

  /** The services that have reports, for the page's filter. */
  public List<String> services() {
    return jdbc.sql("SELECT DISTINCT service FROM knowledge_entry ORDER BY service").query(String.class).list();
  }

  /**
   * Writes the entry, or replaces it when the report is published again (its first publication time
   * stays, {@code updated_at} moves).
   */
  @Transactional
  public void index(KnowledgeEntry e) {
    int updated = jdbc.sql("""
        UPDATE knowledge_entry SET title = ?, service = ?, incident_type = ?, severity = ?, summary = ?, cause = ?,
          resolution = ?, lessons = ?, full_text = ?, occurred_at = ?, updated_at = ? WHERE incident_key = ?""")
        .params(e.title(), e.service(), e.type(), e.severity(), e.summary(), e.cause(), e.resolution(), e.lessons(),
            e.fullText(), utc(e.occurredAt()), utc(e.updatedAt()), e.key())
        .update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO knowledge_entry (incident_key, title, service, incident_type, severity, summary, cause,
            resolution, lessons, full_text, occurred_at, published_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(e.key(), e.title(), e.service(), e.type(), e.severity(), e.summary(), e.cause(), e.resolution(),
              e.lessons(), e.fullText(), utc(e.occurredAt()), utc(e.publishedAt()), utc(e.updatedAt()))
          .update();
    }
  }

  static String reportPath(String key) {
    return "/api/incidents/" + key + "/report";
  }

  private static Object utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
