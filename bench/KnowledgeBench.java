import dev.firebreak.FirebreakApplication;
import dev.firebreak.knowledge.KnowledgeQuery;
import dev.firebreak.knowledge.PostgresKnowledgeSearch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Knowledge base search (issue 14) against Firebreak on PostgreSQL with 100,000 seeded published
 * reports: the ranked search query of knowledge.PostgresKnowledgeSearch on knowledge_entry (GIN
 * indexes: weighted tsvector and pg_trgm) against the same query on a copy of the table without the
 * search indexes (same rows, same primary key), alternating, over the same JDBC connection; then
 * GET /api/knowledge end to end. Not a test: run with bench/knowledge-search.sh; figures go to
 * docs/BENCHMARKS.md.
 */
public class KnowledgeBench {

  static final int REPORTS = Integer.getInteger("reports", 100_000);
  static final int ROUNDS = Integer.getInteger("rounds", 20);
  static final int WARMUP = Integer.getInteger("warmup", 2);
  static final int API_REQUESTS = Integer.getInteger("apiRequests", 100);
  static final String[] TYPES = {"outage", "degraded-performance", "database", "security", "data-integrity", "maintenance"};
  static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV3", "SEV4"};
  static final String[] SERVICES = new String[20];
  /** Filler, Korean and English, as reports read. */
  static final String[] FILLER = {"결제 요청이 지연되었다", "사용자 일부가 로그인하지 못했다", "배포 후 오류율이 올랐다",
      "메모리 사용량이 임계치를 넘었다", "디스크 사용률 경보가 울렸다", "캐시 적중률이 떨어졌다", "응답 시간이 3초를 넘었다",
      "the error rate rose after the deploy", "latency p99 went above two seconds", "a node ran out of disk",
      "the queue backed up behind a slow consumer", "certificates expired on the edge proxy", "DNS answers were stale",
      "재시도 폭주로 트래픽이 두 배가 되었다", "알림이 늦게 도착했다", "롤백 후 정상화되었다", "the cache was cold after a restart"};
  /** What the measured queries look for, each in a known share of the reports (1 in N). */
  static final String[][] RARE = {
      {"DB 연결 풀 해제 버그", "1000"}, {"connection pool exhausted", "50"}, {"메모리 누수", "200"}, {"TLS handshake timeout", "500"},
      {"결제DB연결풀해제지연", "2000"}};
  static final List<String[]> QUERIES = List.of(
      new String[] {"연결 풀", null}, new String[] {"connection pool", null}, new String[] {"연결풀", null},
      new String[] {"메모리 누수", null}, new String[] {"handshake timeout", null}, new String[] {"connection pool", "payments"},
      new String[] {"해제지연", null}, new String[] {"누수", null}, new String[] {"누수", "search"});

  static {
    for (int i = 0; i < SERVICES.length; i++) {
      SERVICES[i] = i == 0 ? "payments" : i == 1 ? "search" : "service-" + i;
    }
  }

  public static void main(String[] args) throws Exception {
    System.out.println(BenchStats.machine());
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection c = postgres.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("CREATE DATABASE bench");
      }
      Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "bench"),
          "spring.datasource.username", "postgres",
          "server.port", "0",
          "camunda.bpm.job-execution.enabled", "false",
          "logging.level.root", "WARN").forEach(System::setProperty);
      ConfigurableApplicationContext app = new SpringApplicationBuilder(FirebreakApplication.class).run();
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      boolean ok;
      try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
        if (!Boolean.getBoolean("genericPlans")) {
          // what PostgresKnowledgeSearch sets for its transaction (SET LOCAL), here for the session
          c.createStatement().execute("SET plan_cache_mode = force_custom_plan");
        }
        long seeding = System.nanoTime();
        seed(c);
        System.out.printf("Seeded %,d reports (with the GIN indexes in place) in %.1f s%n", REPORTS, (System.nanoTime() - seeding) / 1e9);
        long copying = System.nanoTime();
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE knowledge_entry_plain AS SELECT * FROM knowledge_entry");
          s.execute("ALTER TABLE knowledge_entry_plain ADD PRIMARY KEY (incident_key)");
          s.execute("ANALYZE knowledge_entry");
          s.execute("ANALYZE knowledge_entry_plain");
          try (ResultSet r = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('knowledge_entry')), "
              + "pg_size_pretty(pg_total_relation_size('knowledge_entry_plain')), "
              + "pg_size_pretty(pg_relation_size('knowledge_entry_search_vector')), "
              + "pg_size_pretty(pg_relation_size('knowledge_entry_search_trigram')), "
              + "pg_size_pretty(pg_relation_size('knowledge_entry_search_bigrams')), "
              + "pg_size_pretty(pg_relation_size('knowledge_entry_search_head'))")) {
            r.next();
            System.out.printf("Copy without search indexes in %.1f s. Sizes: indexed table %s, plain copy %s, "
                + "tsvector GIN %s, trigram GIN %s, bigram GIN %s, title GIN %s%n", (System.nanoTime() - copying) / 1e9,
                r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6));
          }
        }
        for (String[] q : QUERIES) {
          System.out.printf("  %-22s service=%-9s matches: %,d; first: %s%n", "\"" + q[0] + "\"", q[1],
              count(c, q), run(c, "knowledge_entry", q));
          plan(c, q);
        }
        System.out.printf("Load average before the measured rounds: %s%n", BenchStats.loadAverage());
        // warm up both
        for (int i = 0; i < WARMUP; i++) {
          for (String[] q : QUERIES) {
            run(c, "knowledge_entry", q);
            run(c, "knowledge_entry_plain", q);
          }
        }
        List<Double> indexed = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        Map<String, List<Double>> byQuery = new java.util.LinkedHashMap<>();
        Map<String, List<Double>> byQueryPlain = new java.util.LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
          for (String[] q : QUERIES) {
            String name = "\"" + q[0] + "\"" + (q[1] == null ? "" : " service=" + q[1]);
            long t0 = System.nanoTime();
            run(c, "knowledge_entry", q);
            double ms = (System.nanoTime() - t0) / 1e6;
            indexed.add(ms);
            byQuery.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
            t0 = System.nanoTime();
            run(c, "knowledge_entry_plain", q);
            ms = (System.nanoTime() - t0) / 1e6;
            plain.add(ms);
            byQueryPlain.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
          }
        }
        System.out.printf("Load average after the measured rounds: %s%n", BenchStats.loadAverage());
        byQuery.forEach((name, times) -> System.out.printf("  %-32s indexed p50 %8.1f ms, p95 %8.1f ms | without p50 %8.1f ms, p95 %8.1f ms%n",
            name, BenchStats.percentile(times, 50), BenchStats.percentile(times, 95), BenchStats.percentile(byQueryPlain.get(name), 50),
            BenchStats.percentile(byQueryPlain.get(name), 95)));
        for (String[] q : QUERIES) {
          if (q[1] == null && (q[0].equals("connection pool") || q[0].equals("메모리 누수"))) {
            try (PreparedStatement s = prepare(c, "EXPLAIN (ANALYZE, BUFFERS) ",
                PostgresKnowledgeSearch.ranked("knowledge_entry", query(q), trigrams(c, q))); ResultSet r = s.executeQuery()) {
              System.out.println("  EXPLAIN ANALYZE \"" + q[0] + "\":");
              while (r.next()) {
                System.out.println("    " + r.getString(1));
              }
            }
          }
        }
        System.out.printf("Indexed (%d queries): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", indexed.size(),
            BenchStats.percentile(indexed, 50), BenchStats.percentile(indexed, 95), BenchStats.percentile(indexed, 100));
        System.out.printf("Without the search indexes (%d queries): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", plain.size(),
            BenchStats.percentile(plain, 50), BenchStats.percentile(plain, 95), BenchStats.percentile(plain, 100));
        System.out.printf("Ratio without / with: p50 %.1f x, p95 %.1f x%n", BenchStats.percentile(plain, 50) / BenchStats.percentile(indexed, 50),
            BenchStats.percentile(plain, 95) / BenchStats.percentile(indexed, 95));
        List<Double> api = new ArrayList<>();
        String base = "http://127.0.0.1:" + port;
        for (int i = 0; i < API_REQUESTS + 10; i++) {
          String[] q = QUERIES.get(i % QUERIES.size());
          long t0 = System.nanoTime();
          get(base, "/api/knowledge?q=" + URLEncoder.encode(q[0], StandardCharsets.UTF_8)
              + (q[1] == null ? "" : "&service=" + q[1]));
          if (i >= 10) {
            api.add((System.nanoTime() - t0) / 1e6);
          }
        }
        System.out.printf("GET /api/knowledge (%d requests, 20 results with snippets): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
            api.size(), BenchStats.percentile(api, 50), BenchStats.percentile(api, 95), BenchStats.percentile(api, 100));
        List<Double> similar = similar(app);
        System.out.printf("Similar past incidents of a new incident (KnowledgeBase.similar, %d new incidents, in every "
            + "incident start's Triage task): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", similar.size(),
            BenchStats.percentile(similar, 50), BenchStats.percentile(similar, 95), BenchStats.percentile(similar, 100));
        System.out.printf("Load average at the end: %s%n", BenchStats.loadAverage());
        ok = BenchStats.percentile(indexed, 95) < 100;
        System.out.println(ok ? "RESULT: OK (indexed p95 < 100 ms)" : "RESULT: FAILED (indexed p95 >= 100 ms)");
      } finally {
        app.close();
      }
      System.exit(ok ? 0 : 1);
    }
  }

  /** Times the similar-incidents lookup a Triage task makes, for new incidents of every service and type. */
  static List<Double> similar(ConfigurableApplicationContext app) {
    dev.firebreak.knowledge.KnowledgeBase knowledge = app.getBean(dev.firebreak.knowledge.KnowledgeBase.class);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 110; i++) {
      String service = SERVICES[i % SERVICES.length];
      String type = TYPES[i % TYPES.length];
      long t0 = System.nanoTime();
      knowledge.similar("INC-2099-" + i, service, type, "Checkout errors after deploy " + service + " 결제 지연", 3);
      if (i >= 10) {
        times.add((System.nanoTime() - t0) / 1e6);
      }
    }
    return times;
  }

  static void seed(Connection c) throws Exception {
    Random random = new Random(14);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    c.setAutoCommit(false);
    try (PreparedStatement insert = c.prepareStatement("""
        INSERT INTO knowledge_entry (incident_key, title, service, incident_type, severity, summary, cause, resolution,
          lessons, full_text, occurred_at, published_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (int i = 0; i < REPORTS; i++) {
        String key = String.format("BENCH-%06d", i);
        String title = filler(random, 1) + " #" + i;
        String summary = filler(random, 2);
        String cause = random.nextInt(4) == 0 ? null : filler(random, 2);
        String resolution = filler(random, 1);
        String lessons = filler(random, 2);
        for (String[] rare : RARE) {
          if (random.nextInt(Integer.parseInt(rare[1])) == 0) {
            switch (random.nextInt(3)) {
              case 0 -> title = rare[0] + " — " + title;
              case 1 -> summary = summary + ". " + rare[0];
              default -> lessons = lessons + ". " + rare[0];
            }
          }
        }
        String service = SERVICES[random.nextInt(SERVICES.length)];
        String fullText = "# " + key + " — " + title + "\n\n## 1. Overview\n\n- **Summary**: " + summary
            + "\n\n## 4. Response actions\n\n- " + filler(random, 4) + "\n\n## 5. Root cause\n\n" + cause
            + "\n\n## 6. Prevention\n\n" + resolution + "\n\n## 8. Lessons learned\n\n" + lessons + "\n";
        Instant occurred = now.minusSeconds((long) (random.nextDouble() * 3 * 365 * 86400));
        int n = 1;
        insert.setString(n++, key);
        insert.setString(n++, title);
        insert.setString(n++, service);
        insert.setString(n++, TYPES[random.nextInt(TYPES.length)]);
        insert.setString(n++, SEVERITIES[random.nextInt(SEVERITIES.length)]);
        insert.setString(n++, summary);
        insert.setString(n++, cause);
        insert.setString(n++, resolution);
        insert.setString(n++, lessons);
        insert.setString(n++, fullText);
        insert.setObject(n++, utc(occurred));
        insert.setObject(n++, utc(occurred.plus(Duration.ofDays(3))));
        insert.setObject(n++, utc(occurred.plus(Duration.ofDays(3))));
        insert.addBatch();
        if (i % 2000 == 1999) {
          insert.executeBatch();
          c.commit();
        }
      }
      insert.executeBatch();
      c.commit();
    }
    c.setAutoCommit(true);
  }

  static String filler(Random random, int sentences) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      text.append(i == 0 ? "" : ". ").append(FILLER[random.nextInt(FILLER.length)]);
    }
    return text.toString();
  }

  /**
   * The application's search (PostgresKnowledgeSearch.search, 20 results) on the given table: the
   * ranked statement, and when it found fewer than 20 and a word has three letters, again with the
   * trigram way; answers the first key.
   */
  static String run(Connection c, String table, String[] q) throws Exception {
    KnowledgeQuery query = query(q);
    String first = null;
    int found = 0;
    try (PreparedStatement s = prepare(c, "", PostgresKnowledgeSearch.ranked(table, query, false)); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        first = first == null ? r.getString("incident_key") + " " + r.getString("title") : first;
        found++;
      }
    }
    if (found < query.limit() && PostgresKnowledgeSearch.trigramWorthy(query.words())) {
      first = null;
      try (PreparedStatement s = prepare(c, "", PostgresKnowledgeSearch.ranked(table, query, true)); ResultSet r = s.executeQuery()) {
        if (r.next()) {
          first = r.getString("incident_key") + " " + r.getString("title");
        }
      }
    }
    return first == null ? "—" : first;
  }

  static KnowledgeQuery query(String[] q) {
    return new KnowledgeQuery(q[0], q[1], null, null, null, null, 20);
  }

  /** Whether the application asks the trigram way for this query (the first statement found fewer than 20). */
  static boolean trigrams(Connection c, String[] q) throws Exception {
    KnowledgeQuery query = query(q);
    if (!PostgresKnowledgeSearch.trigramWorthy(query.words())) {
      return false;
    }
    int found = 0;
    try (PreparedStatement s = prepare(c, "", PostgresKnowledgeSearch.ranked("knowledge_entry", query, false));
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        found++;
      }
    }
    return found < query.limit();
  }

  /** The statement with its parameters bound, as PostgresKnowledgeSearch binds them. */
  static PreparedStatement prepare(Connection c, String prefix, PostgresKnowledgeSearch.Statement statement) throws Exception {
    PreparedStatement s = c.prepareStatement(prefix + statement.sql());
    for (int i = 0; i < statement.params().size(); i++) {
      s.setObject(i + 1, statement.params().get(i));
    }
    return s;
  }

  /** How many reports the search matches (all of them, not only the 20 shown nor the candidates ranked). */
  static int count(Connection c, String[] q) throws Exception {
    PostgresKnowledgeSearch.Statement matching = PostgresKnowledgeSearch.matching("knowledge_entry", query(q), trigrams(c, q));
    try (PreparedStatement s = prepare(c, "SELECT count(*) FROM (", new PostgresKnowledgeSearch.Statement(matching.sql() + ") m",
        matching.params())); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }

  /** The plan's scans of knowledge_entry, to show which indexes the search uses. */
  static void plan(Connection c, String[] q) throws Exception {
    try (PreparedStatement s = prepare(c, "EXPLAIN ", PostgresKnowledgeSearch.ranked("knowledge_entry", query(q), trigrams(c, q)));
        ResultSet r = s.executeQuery()) {
      List<String> scans = new ArrayList<>();
      while (r.next()) {
        String line = r.getString(1).trim();
        if (line.contains("Index Scan") || line.contains("Seq Scan") || line.contains("BitmapOr") || line.contains("BitmapAnd")) {
          scans.add(line.replaceAll("\\s+\\(cost.*", "").replaceAll("^->\\s*", ""));
        }
      }
      System.out.println("      plan" + (trigrams(c, q) ? " (with the trigram way)" : "") + ": " + String.join("; ", scans));
    }
  }

  static List<String> words(String q) {
    List<String> words = new ArrayList<>();
    for (String w : q.strip().split("\\s+")) {
      words.add(w.toLowerCase(java.util.Locale.ROOT));
    }
    return words;
  }

  static String get(String base, String path) throws Exception {
    return BenchStats.getAsAuditor(base, path);
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
