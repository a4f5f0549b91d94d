package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.platform.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 14.1 and 14.4 over HTTP: an incident worked by the demo users to an approved post-mortem;
 * its report by Accept and ?format= (HTML, Markdown, JSON), safe (a note's script is text), with no
 * inward links in what was said; an action item marked done in Firebreak (no tracker configured)
 * re-publishes it ticked; the post-mortem list shows status, owner, due and items done; Chromium
 * screenshots of the report and the list (target/).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class IncidentReportIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  record Answer(int status, String contentType, String body) {
  }

  Answer get(String user, String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30)).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    request.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + LifecycleClient.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
  }

  @Test
  void theReportInEachFormatSafeAndRepublishedWhenAnActionItemIsMarkedDone() throws Exception {
    LifecycleClient client = new LifecycleClient(port);
    LifecycleClient.Declared declared = client.declare("responder",
        LifecycleClient.paymentDatabaseOutage("결제 DB 연결 실패", "결제 DB 연결 시도 실패"));
    String key = declared.key();
    String processInstanceId = declared.processInstanceId();

    client.triage(key, "database", "all-users", "medium");
    assertThat(client.post("responder", "/api/incidents/" + key + "/timeline",
        Map.of("text", "데이터베이스 서버 상태 확인 <script>alert('x')</script>")).status()).isEqualTo(201);
    assertThat(client.post("responder", "/api/incidents/" + key + "/timeline",
        Map.of("text", "Connection pool reset tried")).status()).isEqualTo(201);
    client.fireTimer("admin", processInstanceId, "StatusUpdateTimer");
    client.workTask("comms", key, "ApprovePublicNotice", Map.of(
        "statusPhase", "identified", "statusMessage", "결제 장애 원인을 찾았습니다. 복구 중입니다."));
    client.workTask("responder", key, "DiagnoseAndChooseRecovery", Map.of(
        "diagnosis", "Primary DB leaks memory", "recoveryStrategy", "failover"));
    client.workTask("responder", key, "VerifyRecovery", Map.of(
        "recoveryVerified", "yes", "verificationNotes", "Backup DB serves payments"));
    client.workTask("responder", key, "ConfirmServiceRestored", Map.of(
        "serviceRestored", "yes", "resolutionSummary", "Switched to the backup database"));
    client.awaitIncident("responder", key, "postmortem");
    assertThat(get("responder", "/api/incidents/" + key + "/report", null).status()).as("no report yet").isEqualTo(404);

    Map<String, Object> postmortem = new LinkedHashMap<>();
    postmortem.put("postmortemSummary", "전체 사용자의 결제 서비스 불가");
    postmortem.put("customerImpact", "No payments for 2h15m");
    postmortem.put("rootCause", "주 데이터베이스 서버의 메모리 누수 <img src=x onerror=alert(1)>");
    postmortem.put("responseTimeline", "See the notes");
    postmortem.put("preventionMeasures", "**DB memory monitoring**");
    postmortem.put("followUp", "Apology to customers");
    postmortem.put("lessonsLearned", "백업 시스템으로의 전환 시간 단축 필요");
    postmortem.put("actionItems", List.of(Map.of("title", "Alert on DB memory", "owner", "payments-dev", "dueDate", "2026-12-15"),
        Map.of("title", "Fix pool release", "owner", "responder", "dueDate", "2026-12-20")));
    client.writeApprovedPostmortem(key, postmortem);
    client.awaitIncident("responder", key, "closed");

    // Markdown when nothing is asked, and for text/markdown
    Answer markdown = get("auditor", "/api/incidents/" + key + "/report", null);
    assertThat(markdown.status()).isEqualTo(200);
    assertThat(markdown.contentType()).startsWith("text/markdown");
    assertThat(markdown.body()).containsSubsequence("# " + key + " — 결제 DB 연결 실패", "## 1. Overview", "## 2. Detection",
        "## 3. Communication", "### Said internally", "### Said publicly (as published)",
        "Status page — ", "결제 장애 원인을 찾았습니다. 복구 중입니다.", "## 4. Response actions", "### Responders' notes",
        "데이터베이스 서버 상태 확인", "Connection pool reset tried", "### Stage changes", "## 5. Root cause", "## 6. Prevention",
        "- [ ] Alert on DB memory — payments-dev, due 2026-12-15", "## 7. Follow-up", "## 8. Lessons learned");
    assertThat(markdown.body().replace("\\<", "")).doesNotContain("<");
    String propagation = markdown.body().substring(markdown.body().indexOf("## 3."), markdown.body().indexOf("## 4."));
    assertThat(propagation).doesNotContain("localhost", "http://", "/camunda/");
    assertThat(get("auditor", "/api/incidents/" + key + "/report", "text/markdown").contentType()).startsWith("text/markdown");

    // JSON: the snapshot's sections in the handbook's order
    Answer json = get("auditor", "/api/incidents/" + key + "/report", "application/json");
    assertThat(json.contentType()).startsWith("application/json");
    JsonNode report = JSON.readTree(json.body());
    List<String> ids = new ArrayList<>();
    report.path("sections").forEach(section -> ids.add(section.path("id").asText()));
    assertThat(ids).containsExactlyElementsOf(IncidentReport.SECTIONS);
    assertThat(report.path("revision").asInt()).isEqualTo(1);
    assertThat(report.path("sections").get(5).path("actionItems").get(0).path("done").asBoolean()).isFalse();

    // HTML for a browser's Accept; ?format= wins over Accept; an unknown format is refused
    Answer html = get("auditor", "/api/incidents/" + key + "/report",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.body()).contains("<h2>1. Overview</h2>", "<h2>8. Lessons learned</h2>", "<strong>DB memory monitoring</strong>",
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "firebreak.css");
    assertThat(html.body()).doesNotContain("<script>alert", "<img src=x");
    assertThat(get("auditor", "/api/incidents/" + key + "/report?format=json", "text/html").contentType())
        .startsWith("application/json");
    assertThat(get("auditor", "/api/incidents/" + key + "/report?format=html", "application/json").contentType())
        .startsWith("text/html");
    Answer unknown = get("auditor", "/api/incidents/" + key + "/report?format=pdf", null);
    assertThat(unknown.status()).isEqualTo(406);
    assertThat(unknown.contentType()).startsWith("application/problem+json");

    // the post-mortem list: published, owner the facilitator, due by the policy, 0/1 items
    Answer list = get("auditor", "/postmortems", "text/html");
    assertThat(list.status()).isEqualTo(200);
    String row = row(list.body(), key);
    assertThat(row).contains("Published, action items open", "manager", "0/2", "Alert on DB memory", "payments", "Mark done");
    assertThat(row).doesNotContain("overdue-mark");

    // marking done: not for auditors or communications; the owner may; the report is re-published ticked
    assertThat(client.post("auditor", "/api/incidents/" + key + "/action-items/0/done", null).status()).isEqualTo(403);
    assertThat(client.post("comms", "/api/incidents/" + key + "/action-items/0/done", null).status()).isEqualTo(403);
    assertThat(client.post("payments-dev", "/api/incidents/" + key + "/action-items/7/done", null).status())
        .as("no such item, and not theirs").isEqualTo(403);
    assertThat(client.post("responder", "/api/incidents/" + key + "/action-items/7/done", null).status()).isEqualTo(404);
    LifecycleClient.Response done = client.post("payments-dev", "/api/incidents/" + key + "/action-items/0/done", null);
    assertThat(done.status()).as("the owner marks it done: %s", done.body()).isEqualTo(200);
    assertThat(done.body().path("changed").asBoolean()).isTrue();
    assertThat(client.post("responder", "/api/incidents/" + key + "/action-items/0/done", null).body()
        .path("changed").asBoolean()).as("done already").isFalse();

    JsonNode republished = JSON.readTree(get("auditor", "/api/incidents/" + key + "/report?format=json", null).body());
    assertThat(republished.path("revision").asInt()).isEqualTo(2);
    assertThat(republished.path("reason").asText()).isEqualTo("action-item");
    assertThat(republished.path("sections").get(5).path("actionItems").get(0).path("done").asBoolean()).isTrue();
    assertThat(get("auditor", "/api/incidents/" + key + "/report", null).body())
        .contains("- [x] Alert on DB memory — payments-dev, due 2026-12-15");
    assertThat(row(get("auditor", "/postmortems", "text/html").body(), key)).contains("1/2", "Published, action items open");

    // Chromium: the printable report and the list, signed in
    try (Browser browser = Browser.open(1200, 1800)) {
      // the list first (a page sends a person to sign in; the API answers 401), in Korean
      browser.go("http://localhost:" + port + "/postmortems?lang=ko");
      browser.signIn("manager", LifecycleClient.PASSWORD);
      browser.await(Duration.ofSeconds(15), "the list after signing in", () -> browser.url().contains("/postmortems"));
      assertThat(browser.text("h1")).isEqualTo("포스트모템");
      assertThat(browser.text("#pm-" + key)).contains("게시됨, 조치 항목 진행 중", "1/2", "완료로 표시");
      browser.screenshot("postmortems-ko.png");
      // the page's button marks the open one done (CSRF token of the page), back on the list
      browser.click("#pm-" + key + " button.mark-done");
      browser.await(Duration.ofSeconds(15), "the list again, both done",
          () -> browser.text("#pm-" + key).contains("2/2"));
      assertThat(browser.text("#pm-" + key)).contains("완료");
      assertThat(browser.text("p.message")).contains(key);
      // the report, as a browser asks for it (Accept: text/html), with the session
      browser.go("http://localhost:" + port + "/api/incidents/" + key + "/report?lang=en");
      assertThat(browser.text("#report-title")).isEqualTo(key + " — 결제 DB 연결 실패");
      assertThat(browser.script("return document.querySelectorAll('section.report-section').length;").asInt()).isEqualTo(8);
      assertThat(browser.text("#section-response")).contains("데이터베이스 서버 상태 확인 <script>alert('x')</script>");
      assertThat(browser.script("return document.querySelectorAll('main script, main img').length;").asInt()).isZero();
      assertThat(browser.script("return [...document.querySelectorAll('table.action-items input')].every(i => i.checked);")
          .asBoolean()).isTrue();
      assertThat(browser.text("#report-revision")).startsWith("Revision 3");
      assertThat(browser.text("#section-propagation")).contains("Said publicly (as published)");
      browser.screenshot("incident-report.png");
    }
  }

  /** The list's row of the incident. */
  static String row(String page, String key) {
    int start = page.indexOf("id=\"pm-" + key + "\"");
    assertThat(start).as("a row for %s in %s", key, page).isPositive();
    return page.substring(start, page.indexOf("</tr>", start));
  }
}
