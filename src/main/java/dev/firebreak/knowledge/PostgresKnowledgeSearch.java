package dev.firebreak.knowledge;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Search on PostgreSQL (db/vendor/postgresql/V26): an entry matches when its weighted full-text
 * vector has every word as the start of a word ({@code to_tsquery('simple', 'w1:* & w2:*')}: a Korean
 * word with its particle, "풀" in "풀이") or when every word occurs anywhere in its text
 * ({@code ILIKE}, served by the pg_trgm GIN index: a Korean word inside a longer one, "연결풀" in
 * "결제DB연결풀해제지연"). Trigrams need three letters, so the second way is asked only when one of the
 * words has at least three (the index then finds the candidates by that word; a query of only shorter
 * words would otherwise read the whole table). The score is the full-text rank (A key, title,
 * service; B summary, cause; C resolution, lessons; D the rest) plus the trigram word similarity of the
 * words to the key, title and service (× 0.5) and to the summary and cause (× 0.2), so a match in the
 * title ranks above one in the summary, and that above one in the report's body, also for words only
 * trigrams found.
 */
public class PostgresKnowledgeSearch extends SqlKnowledgeSearch {

  PostgresKnowledgeSearch(JdbcClient jdbc) {
    super(jdbc);
  }

  /** Words of fewer letters than this cannot be found by the trigram index. */
  static final int TRIGRAM = 3;

  /**
   * The ranked search over {@code table} for {@code words} words ({@code inside}: also inside other
   * words, by ILIKE), with {@code filters} (" AND …", on alias {@code k}). Parameters in order: the
   * words joined by spaces (twice, for the similarities), the prefix query ({@link #prefixQuery}), one
   * {@code ILIKE} pattern per word when {@code inside}, the filters' values, the limit. Public for
   * bench/KnowledgeBench, which runs it against a copy of the table without indexes.
   */
  public static String searchSql(String table, int words, boolean inside, String filters) {
    StringBuilder like = new StringBuilder();
    for (int i = 0; inside && i < words; i++) {
      like.append(i == 0 ? " OR (" : " AND ").append("k.search_text ILIKE ? ESCAPE '\\'");
    }
    if (inside) {
      like.append(')');
    }
    return """
        SELECT %s, m.score FROM (
          SELECT k.incident_key, k.published_at, ts_rank(k.search_vector, query)
              + 0.5 * word_similarity(?, k.incident_key || ' ' || k.title || ' ' || k.service)
              + 0.2 * word_similarity(?, coalesce(k.summary, '') || ' ' || coalesce(k.cause, '')) AS score
          FROM %s k, to_tsquery('simple', ?) query
          WHERE (k.search_vector @@ query%s)%s
          ORDER BY score DESC, k.published_at DESC, k.incident_key
          LIMIT ?) m
        JOIN %s e ON e.incident_key = m.incident_key
        ORDER BY m.score DESC, e.published_at DESC, e.incident_key""".formatted(COLUMNS, table, like, filters, table);
  }

  /** Whether some word is long enough for the trigram index, so the search also looks inside words. */
  public static boolean inside(List<String> words) {
    return words.stream().anyMatch(word -> word.codePointCount(0, word.length()) >= TRIGRAM);
  }

  /**
   * "w1:* & w2:*" of the words' letters and digits only (so no word is an operator and the query
   * always parses); "" when none is left.
   */
  public static String prefixQuery(List<String> words) {
    return words.stream().map(word -> word.replaceAll("[^\\p{L}\\p{N}]+", " ").strip())
        .filter(word -> !word.isEmpty()).flatMap(word -> java.util.Arrays.stream(word.split(" ")))
        .map(word -> word + ":*").collect(java.util.stream.Collectors.joining(" & "));
  }

  /**
   * Plans the next statements of this transaction for their values: the JDBC driver prepares a
   * statement on the server after five runs, and a generic plan cannot know that a pattern or a
   * word is selective, so it may read the whole table instead of the GIN indexes (seconds instead of
   * milliseconds on 100,000 reports, docs/BENCHMARKS.md). {@code SET LOCAL} ends with the transaction
   * (KnowledgeBase runs each search in one).
   */
  private void customPlan() {
    jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
  }

  @Override
  public List<Found> search(KnowledgeQuery query) {
    List<String> words = query.words();
    if (words.isEmpty()) {
      return newest(query);
    }
    String text = String.join(" ", words);
    boolean inside = inside(words);
    List<Object> params = new ArrayList<>(List.of(text, text, prefixQuery(words)));
    if (inside) {
      words.forEach(word -> params.add(Words.contains(word)));
    }
    String filters = filters(query, params);
    params.add(query.limit());
    customPlan();
    return jdbc.sql(searchSql(TABLE, words.size(), inside, filters)).params(params).query((rs, row) -> found(rs)).list();
  }

  @Override
  public List<Found> similar(Likeness likeness, int limit) {
    // websearch syntax with plain words joined by "or": any word, and never a syntax error
    String anyWord = String.join(" or ", Words.plain(likeness.text(), 12));
    customPlan();
    String sql = """
        SELECT %s, m.score FROM (
          SELECT k.incident_key, k.published_at,
              CASE WHEN k.service = ? AND k.incident_type = ? THEN 2
                   WHEN k.service = ? OR k.incident_type = ? THEN 1 ELSE 0 END AS kinship,
              CASE WHEN coalesce(btrim(k.cause), '') = '' THEN 0 ELSE 1 END AS has_cause,
              ts_rank(k.search_vector, query) AS score
          FROM knowledge_entry k, websearch_to_tsquery('simple', ?) query
          WHERE k.incident_key <> ? AND (k.service = ? OR k.incident_type = ? OR k.search_vector @@ query)
          ORDER BY kinship DESC, has_cause DESC, score DESC, k.published_at DESC, k.incident_key
          LIMIT ?) m
        JOIN knowledge_entry e ON e.incident_key = m.incident_key
        ORDER BY m.kinship DESC, m.has_cause DESC, m.score DESC, e.published_at DESC, e.incident_key"""
        .formatted(COLUMNS);
    return jdbc.sql(sql).params(likeness.service(), likeness.type(), likeness.service(), likeness.type(), anyWord,
        likeness.key(), likeness.service(), likeness.type(), limit).query((rs, row) -> found(rs)).list();
  }
}
