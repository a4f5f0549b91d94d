package dev.firebreak.knowledge;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Search on any other database (H2): every word must occur, in any case, anywhere in the entry
 * (LIKE, no index); the score counts where each word occurs — 4 for the key, title or service, 2 for
 * the summary or cause, 1 for what resolved it or the lessons (the rest of the report scores nothing
 * but matches) — so the ranking follows the same weights as on PostgreSQL, only coarser.
 */
class PortableKnowledgeSearch extends SqlKnowledgeSearch {

  private static final String HEAD = "LOWER(CONCAT(k.incident_key, ' ', k.title, ' ', k.service))";
  private static final String MIDDLE = "LOWER(CONCAT(COALESCE(k.summary, ''), ' ', COALESCE(k.cause, '')))";
  private static final String REST = "LOWER(CONCAT(COALESCE(k.resolution, ''), ' ', COALESCE(k.lessons, '')))";
  private static final String ALL = "LOWER(CONCAT(k.incident_key, ' ', k.title, ' ', k.service, ' ', COALESCE(k.summary, ''), ' ', "
      + "COALESCE(k.cause, ''), ' ', COALESCE(k.resolution, ''), ' ', COALESCE(k.lessons, ''), ' ', k.full_text))";

  PortableKnowledgeSearch(JdbcClient jdbc) {
    super(jdbc);
  }

  @Override
  public Answer search(KnowledgeQuery query) {
    List<String> words = query.words();
    if (words.isEmpty()) {
      return new Answer(newest(query), false);
    }
    List<Object> params = new ArrayList<>();
    StringBuilder score = new StringBuilder("0");
    for (String word : words) {
      score.append(" + CASE WHEN ").append(HEAD).append(" LIKE ? ESCAPE '\\' THEN 4 ELSE 0 END")
          .append(" + CASE WHEN ").append(MIDDLE).append(" LIKE ? ESCAPE '\\' THEN 2 ELSE 0 END")
          .append(" + CASE WHEN ").append(REST).append(" LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END");
      String pattern = Words.contains(word);
      params.addAll(List.of(pattern, pattern, pattern));
    }
    StringBuilder where = new StringBuilder();
    for (String word : words) {
      where.append(" AND ").append(ALL).append(" LIKE ? ESCAPE '\\'");
      params.add(Words.contains(word));
    }
    where.append(filters(query, params));
    params.add(query.limit());
    String sql = "SELECT " + COLUMNS.replace("e.", "k.") + ", " + score + " AS score FROM " + TABLE + " k WHERE 1 = 1"
        + where + " ORDER BY score DESC, k.published_at DESC, k.incident_key LIMIT ?";
    return new Answer(jdbc.sql(sql).params(params).query((rs, row) -> found(rs)).list(), false);
  }

  @Override
  public List<Found> similar(Likeness likeness, int limit) {
    List<String> words = Words.plain(likeness.text(), 8);
    List<Object> params = new ArrayList<>();
    StringBuilder score = new StringBuilder("0");
    for (String word : words) {
      score.append(" + CASE WHEN LOWER(CONCAT(k.title, ' ', COALESCE(k.summary, ''), ' ', COALESCE(k.cause, ''))) LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END");
      params.add(Words.contains(word));
    }
    params.addAll(List.of(likeness.service(), likeness.type(), likeness.service(), likeness.type(), likeness.key()));
    params.addAll(List.of(likeness.service(), likeness.type(), limit));
    String sql = """
        SELECT * FROM (
          SELECT %s, %s AS score,
              CASE WHEN k.service = ? AND k.incident_type = ? THEN 2
                   WHEN k.service = ? OR k.incident_type = ? THEN 1 ELSE 0 END AS kinship,
              CASE WHEN COALESCE(TRIM(k.cause), '') = '' THEN 0 ELSE 1 END AS has_cause
          FROM knowledge_entry k WHERE k.incident_key <> ?) s
        WHERE s.service = ? OR s.incident_type = ? OR s.score > 0
        ORDER BY s.kinship DESC, s.has_cause DESC, s.score DESC, s.published_at DESC, s.incident_key
        LIMIT ?""".formatted(COLUMNS.replace("e.", "k."), score);
    return jdbc.sql(sql).params(params).query((rs, row) -> found(rs)).list();
  }
}
