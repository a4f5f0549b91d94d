package dev.firebreak.knowledge;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Search on PostgreSQL (db/vendor/postgresql/V26 and V38), where every way an entry can match is
 * served by a GIN index, and the ranking works on a bounded set of candidates:
 *
 * <ul>
 *   <li><b>words</b>: the weighted full-text vector has every word as the start of a word
 *       ({@code to_tsquery('simple', 'w1:* & w2:*')}: a Korean word with its particle, "풀" in "풀이");
 *   <li><b>Korean (CJK) letters inside words</b>: every word occurs anywhere in the text
 *       ({@code ILIKE}), the candidates found by the bigram vector — every two adjacent Korean,
 *       Japanese or Chinese letters of the report are lexemes of {@code search_bigrams}, so "누수" or
 *       "연결풀" inside "결제DB연결풀해제지연" is found through an index although trigrams need three
 *       letters;
 *   <li><b>other letters inside words</b> (trigrams, pg_trgm): every word occurs anywhere in the
 *       text, asked only when the first two found fewer reports than the page holds and one word has
 *       at least three letters (the trigram index finds the candidates by that word; a frequent
 *       trigram would otherwise hand over a large part of the table for the recheck).
 * </ul>
 *
 * <p>Ranking reads each candidate's row, so each way hands over at most {@link #CANDIDATES} reports
 * in the index's order, and the title matches ({@code search_head}, its own index) are one of the
 * ways: a query matching thousands of reports ranks the first few hundred of them, title matches
 * always among them, instead of reading all thousands. The score is the full-text rank (A key,
 * title, service; B summary, cause; C resolution, lessons; D the rest) plus the trigram word
 * similarity of the words to the key, title and service (× 0.5) and to the summary and cause
 * (× 0.2), so a match in the title ranks above one in the summary, and that above one in the body.
 *
 * <p>Each statement has a time limit ({@code firebreak.knowledge.search-timeout}); a ranked search
 * that reaches it is answered, degraded, by the first matching reports the indexes hand over,
 * unranked — and when even that cannot finish, by none — instead of making the reader wait.
 */
public class PostgresKnowledgeSearch extends SqlKnowledgeSearch {

  /** Words of fewer letters than this cannot be found by the trigram index. */
  static final int TRIGRAM = 3;
  /** How many reports each way of matching hands to the ranking, at most. */
  public static final int CANDIDATES = 200;
  /**
   * How many reports each candidate set of similar incidents holds, at most: three are shown, and
   * every candidate's words are read to rank it.
   */
  static final int SIMILAR_CANDIDATES = 50;
  /** Korean, Japanese and Chinese letters: the same ranges as knowledge_bigrams() in V38. */
  static final Pattern CJK = Pattern.compile("[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7a3]{2,}");
  private static final String CANCELED = "57014";

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PostgresKnowledgeSearch.class);

  private final long timeoutMillis;
  private final long similarTimeoutMillis;

  PostgresKnowledgeSearch(JdbcClient jdbc, Duration timeout, Duration similarTimeout) {
    super(jdbc);
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    this.similarTimeoutMillis = Math.max(1, similarTimeout.toMillis());
  }

  /** A statement and its parameters in order. */
  public record Statement(String sql, List<Object> params) {
  }

  /**
   * The ranked search over {@code table} ({@code trigrams}: also the trigram way). Public for
   * bench/KnowledgeBench, which runs it against a copy of the table without indexes.
   */
  public static Statement ranked(String table, KnowledgeQuery query, boolean trigrams) {
    List<String> words = query.words();
    String text = String.join(" ", words);
    List<Object> params = new ArrayList<>(List.of(text, text));
    String candidates = union(table, query, ways(words, trigrams), CANDIDATES, params);
    params.add(prefixQuery(words));
    params.add(query.limit());
    String sql = """
        SELECT %s, m.score FROM (
          SELECT c.incident_key, c.published_at, ts_rank(c.search_vector, query)
              + 0.5 * word_similarity(?, c.incident_key || ' ' || c.title || ' ' || c.service)
              + 0.2 * word_similarity(?, coalesce(c.summary, '') || ' ' || coalesce(c.cause, '')) AS score
          FROM (
            %s) candidate
          JOIN %s c ON c.incident_key = candidate.incident_key, to_tsquery('simple', ?) query
          ORDER BY score DESC, c.published_at DESC, c.incident_key
          LIMIT ?) m
        JOIN %s e ON e.incident_key = m.incident_key
        ORDER BY m.score DESC, e.published_at DESC, e.incident_key""".formatted(COLUMNS, candidates, table, table);
    return new Statement(sql, params);
  }

  /**
   * The degraded search: the first {@code limit} reports that match by words or by Korean letters,
   * as the indexes hand them over, unranked (score 0).
   */
  public static Statement degraded(String table, KnowledgeQuery query) {
    List<Object> params = new ArrayList<>();
    List<Way> ways = ways(query.words(), false);
    ways.remove(Way.HEAD);
    String candidates = union(table, query, ways, query.limit(), params);
    params.add(query.limit());
    return new Statement("SELECT " + COLUMNS + ", 0 AS score FROM " + table + " e WHERE e.incident_key IN (\n    "
        + candidates + ") LIMIT ?", params);
  }

  /**
   * All reports the search matches (unbounded, for bench/KnowledgeBench to count): {@code SELECT
   * incident_key …}.
   */
  public static Statement matching(String table, KnowledgeQuery query, boolean trigrams) {
    List<Object> params = new ArrayList<>();
    return new Statement(union(table, query, ways(query.words(), trigrams), 0, params), params);
  }

  /** The keys each way finds ({@code limit} each; 0: all), one UNION; its parameters added to {@code params}. */
  private static String union(String table, KnowledgeQuery query, List<Way> ways, int limit, List<Object> params) {
    StringBuilder union = new StringBuilder();
    for (Way way : ways) {
      union.append(union.isEmpty() ? "" : "\n    UNION ").append('(').append(way.keys(table, query, params))
          .append(limit > 0 ? " LIMIT " + limit : "").append(')');
    }
    return union.toString();
  }

  /** The ways an entry can match, each served by its own GIN index. */
  enum Way {
    /** The words start words of the key, title or service (search_head). */
    HEAD,
    /** The words start words of the report (search_vector). */
    WORDS,
    /**
     * The words occur anywhere, the candidates found by their Korean letter pairs (search_bigrams),
     * then checked by ILIKE. OFFSET 0 keeps the check out of the index choice: the planner would
     * otherwise take the trigram index for a frequent word ("메모리", in a third of the reports)
     * and recheck a third of the table.
     */
    BIGRAMS,
    /** The words occur anywhere, the candidates found by trigrams (search_text, pg_trgm). */
    TRIGRAMS;

    /** "SELECT incident_key FROM …" of the reports this way finds, with the query's filters. */
    String keys(String table, KnowledgeQuery query, List<Object> params) {
      List<String> words = query.words();
      return switch (this) {
        case HEAD, WORDS -> {
          params.add(prefixQuery(words));
          yield "SELECT k.incident_key FROM " + table + " k WHERE k." + (this == HEAD ? "search_head" : "search_vector")
              + " @@ to_tsquery('simple', ?)" + filters(query, params);
        }
        case BIGRAMS -> {
          params.add(bigramQuery(words));
          String inner = "SELECT k.incident_key, k.search_text FROM " + table
              + " k WHERE k.search_bigrams @@ CAST(? AS tsquery)" + filters(query, params) + " OFFSET 0";
          yield "SELECT b.incident_key FROM (" + inner + ") b WHERE " + contains("b", words, params);
        }
        case TRIGRAMS -> {
          String where = contains("k", words, params);
          yield "SELECT k.incident_key FROM " + table + " k WHERE " + where + filters(query, params);
        }
      };
    }

    private static String contains(String alias, List<String> words, List<Object> params) {
      StringBuilder sql = new StringBuilder();
      for (String word : words) {
        sql.append(sql.isEmpty() ? "" : " AND ").append(alias).append(".search_text ILIKE ? ESCAPE '\\'");
        params.add(Words.contains(word));
      }
      return sql.toString();
    }
  }

  static List<Way> ways(List<String> words, boolean trigrams) {
    List<Way> ways = new ArrayList<>(List.of(Way.HEAD, Way.WORDS));
    if (!bigramQuery(words).isEmpty()) {
      ways.add(Way.BIGRAMS);
    }
    if (trigrams) {
      ways.add(Way.TRIGRAMS);
    }
    return ways;
  }

  /** Whether some word is long enough for the trigram index, so the trigram way can be asked. */
  public static boolean trigramWorthy(List<String> words) {
    return words.stream().anyMatch(word -> word.codePointCount(0, word.length()) >= TRIGRAM);
  }

  /**
   * "'연결' & '결풀'": every two adjacent Korean (CJK) letters of the words, as V38 indexes them; ""
   * when no word has two such letters in a row.
   */
  public static String bigramQuery(List<String> words) {
    Set<String> bigrams = new LinkedHashSet<>();
    for (String word : words) {
      Matcher run = CJK.matcher(word);
      while (run.find()) {
        String letters = run.group();
        for (int i = 0; i + 1 < letters.length(); i++) {
          bigrams.add(letters.substring(i, i + 2));
        }
      }
    }
    return bigrams.stream().map(bigram -> "'" + bigram + "'").collect(Collectors.joining(" & "));
  }

  /**
   * "w1:* & w2:*" of the words' letters and digits only (so no word is an operator and the query
   * always parses); "" when none is left.
   */
  public static String prefixQuery(List<String> words) {
    return words.stream().map(word -> word.replaceAll("[^\\p{L}\\p{N}]+", " ").strip())
        .filter(word -> !word.isEmpty()).flatMap(word -> java.util.Arrays.stream(word.split(" ")))
        .map(word -> word + ":*").collect(Collectors.joining(" & "));
  }

  @Override
  public Answer search(KnowledgeQuery query) {
    if (query.words().isEmpty()) {
      return new Answer(newest(query), false);
    }
    return bounded(timeoutMillis, () -> attempt(() -> ranked(query)).map(found -> new Answer(found, false))
        .or(() -> attempt(() -> run(degraded(TABLE, query))).map(found -> new Answer(found, true)))
        .orElseGet(() -> new Answer(List.of(), true)));
  }

  /** The ranked search, and the trigram way too when the others found fewer than a page. */
  private List<Found> ranked(KnowledgeQuery query) {
    List<Found> found = run(ranked(TABLE, query, false));
    if (found.size() < query.limit() && trigramWorthy(query.words())) {
      found = run(ranked(TABLE, query, true));
    }
    return found;
  }

  /**
   * Runs {@code work} with custom plans and a time limit of its own, then gives the transaction its
   * own plan_cache_mode and statement_timeout back (a search runs in a transaction of its own; the
   * similar incidents inside an incident's start, whose later statements must keep their prepared
   * plans). Custom plans: the JDBC driver prepares a statement on the server after five runs, and a
   * generic plan cannot know that a pattern or a word is selective, so it may read the whole table
   * instead of the GIN indexes (seconds instead of milliseconds on 100,000 reports, docs/BENCHMARKS.md).
   */
  private <T> T bounded(long millis, Supplier<T> work) {
    String[] before = jdbc.sql("SELECT current_setting('statement_timeout'), current_setting('plan_cache_mode'), "
        + "set_config('plan_cache_mode', 'force_custom_plan', true), set_config('statement_timeout', ?, true)")
        .param(millis + "ms").query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).single();
    jdbc.sql("SAVEPOINT knowledge_search").update();
    T result = work.get();
    jdbc.sql("RELEASE SAVEPOINT knowledge_search").update();
    jdbc.sql("SELECT set_config('statement_timeout', ?, true), set_config('plan_cache_mode', ?, true)")
        .params(before[0], before[1]).query((rs, row) -> rs.getString(1)).single();
    return result;
  }

  /** What {@code work} finds within the time limit; empty, and its statements undone, when it ran out. */
  private <T> Optional<T> attempt(Supplier<T> work) {
    try {
      return Optional.of(work.get());
    } catch (DataAccessException e) {
      if (!canceled(e)) {
        throw e;
      }
      jdbc.sql("ROLLBACK TO SAVEPOINT knowledge_search").update();
      return Optional.empty();
    }
  }

  private List<Found> run(Statement statement) {
    return jdbc.sql(statement.sql()).params(statement.params()).query((rs, row) -> found(rs)).list();
  }

  /** Whether the statement was cancelled by its time limit (SQLSTATE 57014, query_canceled). */
  static boolean canceled(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && CANCELED.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Past incidents like a new one, from bounded candidates: the {@value #SIMILAR_CANDIDATES} newest
   * reports of the same service and type, of the same service, of the same type (each an index
   * range), and, only when these are fewer than wanted, {@value #SIMILAR_CANDIDATES} that share a
   * word. Ranked as before: same service and type first, then same service or type, then words only;
   * a written cause first; then the words' rank; then the newest. Every Triage task asks this inside
   * its incident's start, so it must not grow with the knowledge base (ranking every report of the
   * service or type took 380 ms at 100,000 reports, docs/BENCHMARKS.md); and it has a time limit
   * ({@code firebreak.knowledge.similar-timeout}), past which the incident starts without similar
   * incidents rather than waiting.
   */
  @Override
  public List<Found> similar(Likeness likeness, int limit) {
    return bounded(similarTimeoutMillis, () -> attempt(() -> {
      // reports of the same service or type rank above any that only share words: the words are
      // asked only when there are fewer of those than wanted
      List<Found> found = run(similarStatement(likeness, limit, false));
      return found.size() < limit ? run(similarStatement(likeness, limit, true)) : found;
    }).orElseGet(() -> {
      log.warn("Similar past incidents of {} not found within {} ms; the incident goes on without them",
          likeness.key(), similarTimeoutMillis);
      return List.of();
    }));
  }

  /**
   * The similar-incidents statement over the candidates (see {@link #similar}); {@code byWords}
   * adds the reports that share a word.
   */
  static Statement similarStatement(Likeness likeness, int limit, boolean byWords) {
    // websearch syntax with plain words joined by "or": any word, and never a syntax error
    String anyWord = String.join(" or ", Words.plain(likeness.text(), 12));
    List<Object> params = new ArrayList<>(List.of(likeness.service(), likeness.type(), likeness.service(),
        likeness.type(), anyWord, likeness.service(), likeness.type(), likeness.key(), likeness.service(),
        likeness.key(), likeness.type(), likeness.key()));
    String words = "";
    if (byWords) {
      words = """

            UNION (SELECT w.incident_key FROM knowledge_entry w, websearch_to_tsquery('simple', ?) words
              WHERE w.search_vector @@ words AND w.incident_key <> ? LIMIT %d)""".formatted(SIMILAR_CANDIDATES);
      params.addAll(List.of(anyWord, likeness.key()));
    }
    params.add(limit);
    String sql = """
        SELECT %s, m.score FROM (
          SELECT k.incident_key, k.published_at,
              CASE WHEN k.service = ? AND k.incident_type = ? THEN 2
                   WHEN k.service = ? OR k.incident_type = ? THEN 1 ELSE 0 END AS kinship,
              CASE WHEN coalesce(btrim(k.cause), '') = '' THEN 0 ELSE 1 END AS has_cause,
              ts_rank(k.search_vector, query) AS score
          FROM knowledge_entry k, websearch_to_tsquery('simple', ?) query
          WHERE k.incident_key IN (
            (SELECT incident_key FROM knowledge_entry WHERE service = ? AND incident_type = ? AND incident_key <> ?
              ORDER BY published_at DESC LIMIT %d)
            UNION (SELECT incident_key FROM knowledge_entry WHERE service = ? AND incident_key <> ?
              ORDER BY published_at DESC LIMIT %d)
            UNION (SELECT incident_key FROM knowledge_entry WHERE incident_type = ? AND incident_key <> ?
              ORDER BY published_at DESC LIMIT %d)%s)
          ORDER BY kinship DESC, has_cause DESC, score DESC, k.published_at DESC, k.incident_key
          LIMIT ?) m
        JOIN knowledge_entry e ON e.incident_key = m.incident_key
        ORDER BY m.kinship DESC, m.has_cause DESC, m.score DESC, e.published_at DESC, e.incident_key"""
        .formatted(COLUMNS, SIMILAR_CANDIDATES, SIMILAR_CANDIDATES, SIMILAR_CANDIDATES, words);
    return new Statement(sql, params);
  }
}
