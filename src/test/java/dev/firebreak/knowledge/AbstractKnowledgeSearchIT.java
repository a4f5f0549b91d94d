package dev.firebreak.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.LifecycleClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The knowledge base's search and similar incidents, the same expectations on both databases (the
 * subclasses): five published reports, written by hand.
 *
 * <pre>
 *   KB-0001 payments database SEV1  title "DB 연결 풀 해제 버그", cause written
 *   KB-0002 search   degraded SEV3  "connection pool" in the summary
 *   KB-0003 payments outage   SEV2  "Connection pool" in the title, cause written
 *   KB-0004 auth     outage   SEV2  "connection pool" only in the lessons
 *   KB-0005 payments database SEV2  title "결제DB연결풀해제지연" (Korean words glued), no cause
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class AbstractKnowledgeSearchIT {

  static final Instant T = Instant.parse("2026-03-10T05:00:00Z");

  @Autowired
  KnowledgeBase knowledge;
  @Autowired
  JdbcClient jdbc;
  @LocalServerPort
  int port;

  abstract String engine();

  @BeforeEach
  void publishedReports() {
    jdbc.sql("DELETE FROM knowledge_entry").update();
    index("KB-0001", "DB 연결 풀 해제 버그", "payments", "database", "SEV1", "결제 DB 연결이 고갈되어 결제가 실패했다",
        "커넥션 풀이 사용한 연결을 반환하지 않았다", "백업 DB로 전환하고 풀 설정을 되돌렸다", "풀 모니터링을 추가한다", 0);
    index("KB-0002", "Search index rebuild stalled", "search", "degraded-performance", "SEV3",
        "Search answered slowly: the connection pool of the indexer ran dry", "Indexer threads leaked", "Restarted the indexer",
        "Watch the indexer", 1);
    index("KB-0003", "Connection pool exhausted on checkout", "payments", "outage", "SEV2", "Checkout failed for everyone",
        "Pool size 10 under Black Friday load", "Raised the pool size to 50", "Load-test before sales", 2);
    index("KB-0004", "Login errors after deploy", "auth", "outage", "SEV2", "Users could not sign in", "A bad release",
        "Rolled back to 4.1", "Review the connection pool sizing with every release", 3);
    index("KB-0005", "결제DB연결풀해제지연", "payments", "database", "SEV2", "야간 배치가 느려졌다", null, "배치를 다시 돌렸다",
        null, 4);
  }

  private void index(String key, String title, String service, String type, String severity, String summary,
      String cause, String resolution, String lessons, int days) {
    Instant at = T.plusSeconds(days * 86_400L);
    String report = "# " + key + " — " + title + "\n\n## 1. Overview\n\n- **Summary**: " + summary
        + "\n\n## 5. Root cause\n\n" + (cause == null ? "—" : cause) + "\n\n## 8. Lessons learned\n\n"
        + (lessons == null ? "—" : lessons) + "\n";
    knowledge.index(new KnowledgeEntry(key, title, service, type, severity, summary, cause, resolution, lessons,
        report, at, at.plusSeconds(3600), at.plusSeconds(3600)));
  }

  private List<String> keys(KnowledgeQuery query) {
    return knowledge.search(query).stream().map(KnowledgeBase.Hit::key).toList();
  }

  @Test
  void searchRunsOnTheDatabasesOwnEngine() {
    assertThat(knowledge.engine()).isEqualTo(engine());
  }

  @Test
  void koreanWordsMatchInsideTextAndAreMarkedInTheSnippet() {
    List<KnowledgeBase.Hit> hits = knowledge.search(KnowledgeQuery.of("연결 풀"));

    assertThat(hits).extracting(KnowledgeBase.Hit::key).startsWith("KB-0001")
        .doesNotContain("KB-0002", "KB-0003", "KB-0004");
    assertThat(hits.get(0).snippet()).contains("<mark>연결</mark>").contains("<mark>풀</mark>");
  }

  @Test
  void aKoreanWordMatchesWithItsParticle() {
    // "반환" in "반환하지", "커넥션" in "커넥션" (KB-0001's cause), 풀 in "풀이"
    assertThat(keys(KnowledgeQuery.of("반환"))).containsExactly("KB-0001");
    assertThat(keys(KnowledgeQuery.of("커넥션 풀이"))).containsExactly("KB-0001");
  }

  @Test
  void aKoreanWordGluedToOthersIsFoundInsideThem() {
    assertThat(keys(KnowledgeQuery.of("연결풀"))).containsExactly("KB-0005");
    assertThat(keys(KnowledgeQuery.of("해제지연"))).containsExactly("KB-0005");
  }

  @Test
  void aTwoLetterKoreanWordIsFoundInsideALongerOne() {
    index("KB-0006", "캐시서버메모리누수", "search", "degraded-performance", "SEV3", "응답이 느려졌다", null, null, null, 5);

    assertThat(keys(KnowledgeQuery.of("누수"))).containsExactly("KB-0006");
    assertThat(keys(KnowledgeQuery.of("메모리 누수"))).containsExactly("KB-0006");
    assertThat(knowledge.answer(KnowledgeQuery.of("누수")).degraded()).isFalse();
  }

  @Test
  void aMatchInTheTitleRanksAboveOneInTheSummaryAndThatAboveOneInTheLessons() {
    assertThat(keys(KnowledgeQuery.of("connection pool"))).containsExactly("KB-0003", "KB-0002", "KB-0004");
    assertThat(keys(KnowledgeQuery.of("Connection POOL"))).containsExactly("KB-0003", "KB-0002", "KB-0004");
  }

  @Test
  void filtersNarrowTheSearch() {
    assertThat(keys(new KnowledgeQuery("connection pool", "payments", null, null, null, null, 0)))
        .containsExactly("KB-0003");
    assertThat(keys(new KnowledgeQuery("connection pool", null, "outage", null, null, null, 0)))
        .containsExactly("KB-0003", "KB-0004");
    assertThat(keys(new KnowledgeQuery("connection pool", null, null, "SEV3", null, null, 0)))
        .containsExactly("KB-0002");
    assertThat(keys(new KnowledgeQuery(null, null, null, null, T.plusSeconds(86_400), T.plusSeconds(3 * 86_400), 0)))
        .as("without words: the newest first, within the period").containsExactly("KB-0003", "KB-0002");
  }

  @Test
  void snippetsEscapeWhatTheReportSays() {
    knowledge.index(new KnowledgeEntry("KB-0009", "Script in a note", "web", "outage", "SEV4",
        "<script>alert(1)</script> pool", null, null, null, "text", T, T, T));

    assertThat(knowledge.search(KnowledgeQuery.of("pool script")).stream()
        .filter(hit -> hit.key().equals("KB-0009")).findFirst().orElseThrow().snippet())
        .contains("&lt;<mark>script</mark>&gt;").doesNotContain("<script>");
  }

  @Test
  void similarIncidentsAreSameServiceAndTypeFirstWithAWrittenCauseFirst() {
    List<String> similar = knowledge.similar("INC-2026-9999", "payments", "database",
            "Payment DB connection errors", 3).stream().map(KnowledgeEntry::key).toList();

    assertThat(similar).containsExactly("KB-0001", "KB-0005", "KB-0003");
  }

  @Test
  void similarIncidentsOfAnotherServiceAndTypeComeByTheirWords() {
    List<String> similar = knowledge.similar("INC-2026-9999", "billing", "security", "indexer threads leaked", 3)
        .stream().map(KnowledgeEntry::key).toList();

    assertThat(similar).containsExactly("KB-0002");
  }

  /** Issue 14 point 3: what Tasklist shows on Triage incident, and the incident page. */
  @Test
  void theTriageFormAndTheIncidentPageShowTheThreeMostSimilarPastIncidents() throws Exception {
    LifecycleClient client = new LifecycleClient(port);
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", Map.of(
        "title", "Payment DB connection errors", "service", "payments", "incidentType", "database",
        "impactScope", "part-of-users", "description", "결제 DB 연결 오류"));
    assertThat(declared.status()).as("declared: %s", declared.body()).isEqualTo(201);
    String key = declared.body().path("incident").path("key").asText();
    String task = client.awaitTask("responder", key, "TriageIncident");

    LifecycleClient.Response form = client.get("responder", "/engine-rest/task/" + task + "/variables/similarIncidents");
    assertThat(form.status()).isEqualTo(200);
    String similar = form.body().path("value").asText();
    assertThat(similar).contains("KB-0001 — DB 연결 풀 해제 버그", "커넥션 풀이 사용한 연결을 반환하지 않았다",
        "백업 DB로 전환하고 풀 설정을 되돌렸다", "/api/incidents/KB-0001/report", "KB-0005 — 결제DB연결풀해제지연",
        "KB-0003 — Connection pool exhausted on checkout", "Raised the pool size to 50").doesNotContain("KB-0002", "KB-0004");
    assertThat(similar.indexOf("KB-0001")).isLessThan(similar.indexOf("KB-0005"));
    assertThat(similar.indexOf("KB-0005")).isLessThan(similar.indexOf("KB-0003"));

    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/incidents/" + key))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("responder:demo".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    assertThat(html).contains("id=\"similar-incidents\"", "href=\"/api/incidents/KB-0001/report\"",
        "커넥션 풀이 사용한 연결을 반환하지 않았다", "Raised the pool size to 50");
    assertThat(html.indexOf("KB-0001")).isLessThan(html.indexOf("KB-0005"));
    assertThat(html.indexOf("KB-0005")).isLessThan(html.indexOf("KB-0003"));
  }

  @Test
  void theApiAnswersRankedHitsAndRefusesABadPeriod() {
    LifecycleClient client = new LifecycleClient(port);
    // the client encodes the query (the space, the Korean letters) as a browser would
    LifecycleClient.Response found = client.get("responder", "/api/knowledge?q=연결 풀&service=payments");

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().path("engine").asText()).isEqualTo(engine());
    assertThat(found.body().path("results").get(0).path("key").asText()).isEqualTo("KB-0001");
    assertThat(found.body().path("results").get(0).path("snippet").asText()).contains("<mark>연결</mark>");
    assertThat(found.body().path("results").get(0).path("cause").asText()).isEqualTo("커넥션 풀이 사용한 연결을 반환하지 않았다");
    assertThat(found.body().path("results").get(0).path("reportPath").asText()).isEqualTo("/api/incidents/KB-0001/report");

    LifecycleClient.Response refused = client.get("auditor", "/api/knowledge?from=yesterday");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().toString()).contains("from");
  }
}
