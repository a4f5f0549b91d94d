package dev.firebreak.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.LifecycleClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

/**
 * {@code POST /api/imports} through HTTP as the demo users: each format from its real-shaped sample
 * (src/test/resources/imports), idempotency, the dry run, refusals naming line and field, nothing
 * half-written, nothing sent, the imported incidents in {@code /api/incidents/{key}} and in the KPIs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
abstract class AbstractImportsIT {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  ManagementService management;
  @Autowired
  Imports imports;

  private final ObjectMapper json = new ObjectMapper();

  record Answer(int status, String contentType, JsonNode body) {
  }

  Answer post(String user, String path, String contentType, String body) {
    RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    return http.post().uri(path).header("Content-Type", contentType)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
            .getBytes(StandardCharsets.UTF_8)))
        .body(body).exchange((request, response) -> {
          byte[] bytes = response.getBody().readAllBytes();
          var type = response.getHeaders().getContentType();
          return new Answer(response.getStatusCode().value(), type == null ? null : type.toString(),
              bytes.length == 0 ? null : json.readTree(bytes));
        });
  }

  LifecycleClient client() {
    return new LifecycleClient(port);
  }

  @Test
  void pagerDutyCsvImportsOnceAndAChangedLineUpdates() {
    String csv = ImportReadersTest.sample("pagerduty-incidents.csv");
    Answer first = post("manager", "/api/imports", "text/csv", csv);
    assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
    assertThat(first.body().path("format").asText()).isEqualTo("pagerduty");
    assertThat(first.body().path("created").asInt()).isEqualTo(2);
    assertThat(first.body().path("written").asBoolean()).isTrue();
    JsonNode line = first.body().path("lines").get(0);
    assertThat(line.path("line").asInt()).isEqualTo(2);
    assertThat(line.path("outcome").asText()).isEqualTo("created");
    String key = line.path("incidentKey").asText();
    assertThat(key).as("a key of the year it was detected in").startsWith("INC-2025-");

    JsonNode incident = client().get("responder", "/api/incidents/" + key).body();
    assertThat(incident.path("incident").path("imported").asBoolean()).isTrue();
    assertThat(incident.path("incident").path("status").asText()).isEqualTo("closed");
    assertThat(incident.path("incident").path("severity").asText()).isEqualTo("SEV2");
    assertThat(incident.path("incident").path("service").asText()).isEqualTo("payments");
    assertThat(incident.path("incident").path("source").asText()).isEqualTo("pagerduty");
    assertThat(incident.path("incident").path("detectedAt").asText()).isEqualTo("2025-03-04T05:20:11Z");
    assertThat(incident.path("incident").path("acknowledgedAt").asText()).isEqualTo("2025-03-04T05:24:16Z");
    assertThat(incident.path("incident").path("resolvedAt").asText()).isEqualTo("2025-03-04T07:35:02Z");
    assertThat(incident.path("incident").path("processInstanceId").isNull()).isTrue();

    Answer again = post("manager", "/api/imports?format=pagerduty", "text/csv", csv);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("unchanged").asInt()).as("importing twice changes nothing").isEqualTo(2);
    assertThat(again.body().path("created").asInt()).isZero();
    assertThat(again.body().path("written").asBoolean()).isFalse();
    assertThat(again.body().path("lines").get(0).path("incidentKey").asText()).isEqualTo(key);
    assertThat(count("SELECT COUNT(*) FROM incident_import WHERE source = 'pagerduty'")).isEqualTo(2);

    String changed = csv.replace("2025-03-04T16:35:02+09:00,245,8091", "2025-03-04T16:40:02+09:00,245,8391")
        .replace("high,PXPGF42", "low,PXPGF42");
    Answer update = post("manager", "/api/imports", "text/csv", changed);
    assertThat(update.status()).as("%s", update.body()).isEqualTo(200);
    assertThat(update.body().path("updated").asInt()).isEqualTo(1);
    assertThat(update.body().path("unchanged").asInt()).isEqualTo(1);
    assertThat(update.body().path("lines").get(0).path("outcome").asText()).isEqualTo("updated");
    assertThat(update.body().path("lines").get(0).path("incidentKey").asText()).isEqualTo(key);
    JsonNode updated = client().get("responder", "/api/incidents/" + key).body().path("incident");
    assertThat(updated.path("resolvedAt").asText()).isEqualTo("2025-03-04T07:40:02Z");
    assertThat(updated.path("severity").asText()).isEqualTo("SEV3");
  }

  @Test
  void opsgenieCsvImportsClosedAlertsAndTheKpisCountThemFlagged() {
    Answer answer = post("admin", "/api/imports", "text/csv; charset=utf-8",
        ImportReadersTest.sample("opsgenie-alerts.csv"));
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    assertThat(answer.body().path("format").asText()).isEqualTo("opsgenie");
    assertThat(answer.body().path("created").asInt()).isEqualTo(2);
    assertThat(answer.body().path("lines").get(1).path("line").asInt()).as("a record over two lines").isEqualTo(4);
    String key = answer.body().path("lines").get(0).path("incidentKey").asText();
    JsonNode incident = client().get("manager", "/api/incidents/" + key).body().path("incident");
    assertThat(incident.path("imported").asBoolean()).isTrue();
    assertThat(incident.path("incidentType").asText()).isEqualTo("database");
    assertThat(incident.path("severity").asText()).isEqualTo("SEV1");
    assertThat(incident.path("closedAt").asText()).isEqualTo("2025-04-02T10:40:00.512Z");

    JsonNode kpis = client().get("manager",
        "/api/kpis?from=2025-04-01T00:00:00Z&to=2025-05-01T00:00:00Z&service=payments&imported=only").body();
    JsonNode group = kpis.path("groups").get(0);
    assertThat(group.path("n").asLong()).isEqualTo(1);
    assertThat(group.path("imported").asLong()).as("counted and flagged").isEqualTo(1);
    assertThat(group.path("durations").path("timeToMitigate").path("n").asLong()).isEqualTo(1);
    JsonNode excluded = client().get("manager",
        "/api/kpis?from=2025-04-01T00:00:00Z&to=2025-05-01T00:00:00Z&service=payments&imported=exclude").body();
    assertThat(excluded.path("groups").get(0).path("n").asLong()).isZero();
  }

  @Test
  void firebreakJsonKeepsTheRealTimesCauseAndLessonsAndSendsNothing() {
    long mails = count("SELECT COUNT(*) FROM mail_outbox");
    long slack = count("SELECT COUNT(*) FROM slack_delivery");
    long subscribers = count("SELECT COUNT(*) FROM subscriber_outbox");
    long statusUpdates = count("SELECT COUNT(*) FROM status_update");
    long pushes = count("SELECT COUNT(*) FROM push_outbox");
    long jobs = management.createJobQuery().count();
    long instances = history.createHistoricProcessInstanceQuery().count();

    Answer answer = post("manager", "/api/imports", "application/json", ImportReadersTest.sample("firebreak-incidents.json"));
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    assertThat(answer.body().path("format").asText()).isEqualTo("firebreak");
    String key = answer.body().path("lines").get(0).path("incidentKey").asText();
    assertThat(key).startsWith("INC-2024-");

    JsonNode view = client().get("responder", "/api/incidents/" + key).body();
    JsonNode incident = view.path("incident");
    assertThat(incident.path("title").asText()).isEqualTo("결제 DB 연결 실패");
    assertThat(incident.path("impactStartedAt").asText()).isEqualTo("2024-11-20T05:00:00Z");
    assertThat(incident.path("declaredAt").asText()).isEqualTo("2024-11-20T05:10:00Z");
    assertThat(incident.path("mitigatedAt").asText()).isEqualTo("2024-11-20T06:50:00Z");
    assertThat(incident.path("resolvedAt").asText()).isEqualTo("2024-11-20T07:15:00Z");
    assertThat(incident.path("commander").asText()).isEqualTo("manager");
    assertThat(incident.path("impactScope").asText()).isEqualTo("all-users");
    assertThat(incident.path("source").asText()).isEqualTo("grafana-oncall");
    List<String> kinds = new ArrayList<>();
    view.path("timeline").forEach(entry -> kinds.add(entry.path("kind").asText()));
    assertThat(kinds).as("one entry saying where it came from; no notification").containsExactly("imported");
    assertThat(view.path("timeline").get(0).path("summary").asText()).contains("grafana-oncall", "legacy-2024-017");

    Imports.PastAnalysis analysis = imports.pastAnalysis(key).orElseThrow();
    assertThat(analysis.cause()).isEqualTo("DB 연결 풀 해제 버그: 예외 경로에서 연결을 돌려주지 않음");
    assertThat(analysis.lessons()).startsWith("연결 풀 사용률 경보");
    assertThat(analysis.importedBy()).isEqualTo("manager");

    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().count()).as("no process started").isEqualTo(instances);
    assertThat(management.createJobQuery().count()).as("no job (e-mail, Slack, status page)").isEqualTo(jobs);
    assertThat(count("SELECT COUNT(*) FROM mail_outbox")).as("no e-mail").isEqualTo(mails);
    assertThat(count("SELECT COUNT(*) FROM slack_delivery")).as("no Slack post").isEqualTo(slack);
    assertThat(count("SELECT COUNT(*) FROM subscriber_outbox")).isEqualTo(subscribers);
    assertThat(count("SELECT COUNT(*) FROM status_update")).as("no status page update").isEqualTo(statusUpdates);
    assertThat(count("SELECT COUNT(*) FROM push_outbox")).as("no Web Push").isEqualTo(pushes);
  }

  @Test
  void aFullReportIsPublishedMarkedImportedEntersTheKnowledgeBaseAndImportingTwiceChangesNothing() {
    String sample = ImportReadersTest.sample("firebreak-incident-with-report.json");
    Answer answer = post("manager", "/api/imports", "application/json", sample);
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    JsonNode line = answer.body().path("lines").get(0);
    assertThat(line.path("outcome").asText()).isEqualTo("created");
    assertThat(line.path("reason").asText()).contains("with its report");
    String key = line.path("incidentKey").asText();
    assertThat(key).startsWith("INC-2023-");

    // the snapshot: revision 1, marked imported, the eight sections as written, the duration as it happened
    JsonNode report = client().get("auditor", "/api/incidents/" + key + "/report?format=json").body();
    assertThat(report.path("revision").asInt()).isEqualTo(1);
    assertThat(report.path("reason").asText()).isEqualTo("imported");
    assertThat(report.path("imported").asBoolean()).isTrue();
    assertThat(report.path("importedFrom").asText()).isEqualTo("grafana-oncall");
    List<String> ids = new ArrayList<>();
    report.path("sections").forEach(section -> ids.add(section.path("id").asText()));
    assertThat(ids).containsExactly("overview", "detection", "propagation", "response", "cause", "prevention",
        "followUp", "lessons");
    JsonNode overview = report.path("sections").get(0);
    List<String> facts = new ArrayList<>();
    overview.path("facts").forEach(fact -> facts.add(fact.path("label").asText() + ": " + fact.path("value").asText()));
    assertThat(facts).contains("Duration: 2h 15m").anyMatch(f -> f.startsWith("Impact: ") && f.contains("모든 사용자의 결제 실패"));
    assertThat(report.path("sections").get(3).path("text").asText()).startsWith("14:35 DB 서버 상태 확인");
    assertThat(report.path("sections").get(4).path("text").asText()).isEqualTo("DB 연결 풀 해제 버그: 예외 경로에서 연결을 돌려주지 않음");
    assertThat(report.path("sections").get(6).path("text").asText()).isEqualTo("고객 사과 공지와 보상 정책 검토");
    LifecycleClient.Response markdown = client().get("responder", "/api/incidents/" + key + "/report?format=markdown");
    assertThat(markdown.status()).isEqualTo(200);
    assertThat(imports.pastAnalysis(key).orElseThrow().cause()).as("the report's cause is the imported cause")
        .isEqualTo("DB 연결 풀 해제 버그: 예외 경로에서 연결을 돌려주지 않음");

    // in the knowledge base, searchable, with what resolved it
    // (the client encodes the query)
    JsonNode found = client().get("responder", "/api/knowledge?q=연결 풀&service=payments").body();
    JsonNode hit = null;
    for (JsonNode result : found.path("results")) {
      if (result.path("key").asText().equals(key)) {
        hit = result;
      }
    }
    assertThat(hit).as("%s", found).isNotNull();
    assertThat(hit.path("cause").asText()).startsWith("DB 연결 풀 해제 버그");
    assertThat(hit.path("resolution").asText()).isEqualTo("백업 데이터베이스로 전환");
    assertThat(hit.path("reportPath").asText()).isEqualTo("/api/incidents/" + key + "/report");

    // importing twice changes nothing: no second revision, one entry
    Answer again = post("manager", "/api/imports", "application/json", sample);
    assertThat(again.body().path("unchanged").asInt()).isEqualTo(1);
    assertThat(again.body().path("written").asBoolean()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM report_snapshot WHERE incident_key = '" + key + "'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM knowledge_entry WHERE incident_key = '" + key + "'")).isEqualTo(1);
    // a changed report updates it: the next revision, still marked imported
    Answer changed = post("manager", "/api/imports", "application/json",
        sample.replace("백업 DB 전환 시간을 30분 안으로 줄인다", "백업 DB 전환을 자동화한다"));
    assertThat(changed.body().path("updated").asInt()).isEqualTo(1);
    JsonNode second = client().get("auditor", "/api/incidents/" + key + "/report?format=json").body();
    assertThat(second.path("revision").asInt()).isEqualTo(2);
    assertThat(second.path("reason").asText()).isEqualTo("imported");
    assertThat(second.path("sections").get(7).path("text").asText()).isEqualTo("백업 DB 전환을 자동화한다");
    assertThat(count("SELECT COUNT(*) FROM knowledge_entry WHERE incident_key = '" + key + "'")).isEqualTo(1);

    // a report with a section nobody knows is refused, naming it; nothing is written
    long incidents = count("SELECT COUNT(*) FROM incident");
    Answer refused = post("manager", "/api/imports", "application/json", sample.replace("legacy-2023-088", "legacy-2023-089")
        .replace("\"followUp\"", "\"timeline\""));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().path("lines").get(0).path("problems").get(0).path("field").asText()).isEqualTo("report.timeline");
    assertThat(count("SELECT COUNT(*) FROM incident")).isEqualTo(incidents);
  }

  @Test
  void aDryRunSaysLineByLineWhatWouldHappenAndWritesNothing() {
    String id = UUID.randomUUID().toString();
    String existing = batch(item(id + "-a", "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", "SEV2"));
    assertThat(post("manager", "/api/imports", "application/json", existing).status()).isEqualTo(200);
    long incidents = count("SELECT COUNT(*) FROM incident");

    String body = batch(item(id + "-a", "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z", "SEV2"),
        item(id + "-a2", "2024-05-02T10:00:00Z", "2024-05-02T11:00:00Z", "SEV3"),
        item(id + "-b", "2024-05-03T10:00:00Z", "2024-05-03T12:00:00Z", "SEV9"));
    Answer dry = post("manager", "/api/imports?dryRun=true", "application/json", body);
    assertThat(dry.status()).as("%s", dry.body()).isEqualTo(200);
    assertThat(dry.body().path("dryRun").asBoolean()).isTrue();
    assertThat(dry.body().path("written").asBoolean()).isFalse();
    JsonNode lines = dry.body().path("lines");
    assertThat(lines.get(0).path("outcome").asText()).isEqualTo("unchanged");
    assertThat(lines.get(1).path("outcome").asText()).isEqualTo("created");
    assertThat(lines.get(1).path("reason").asText()).contains("new");
    assertThat(lines.get(2).path("outcome").asText()).isEqualTo("refused");
    assertThat(lines.get(2).path("line").asInt()).isEqualTo(3);
    assertThat(lines.get(2).path("problems").get(0).path("field").asText()).isEqualTo("severity");
    assertThat(lines.get(2).path("problems").get(0).path("message").asText()).contains("SEV9");

    String changed = batch(item(id + "-a", "2024-05-01T10:00:00Z", "2024-05-01T11:30:00Z", "SEV2"));
    Answer dryUpdate = post("manager", "/api/imports?dryRun=true", "application/json", changed);
    assertThat(dryUpdate.body().path("lines").get(0).path("outcome").asText()).isEqualTo("updated");
    assertThat(count("SELECT COUNT(*) FROM incident")).as("a dry run writes nothing").isEqualTo(incidents);
    String key = dryUpdate.body().path("lines").get(0).path("incidentKey").asText();
    assertThat(client().get("manager", "/api/incidents/" + key).body().path("incident").path("resolvedAt").asText())
        .isEqualTo("2024-05-01T11:00:00Z");
  }

  @Test
  void aBatchWithARefusedLineWritesNothingAndNamesTheLineAndField() {
    String id = UUID.randomUUID().toString();
    long incidents = count("SELECT COUNT(*) FROM incident");
    String csv = """
        id,incident_number,description,service_name,created_on,resolved_on,urgency
        %s-1,1,Checkout errors,payments,2025-02-01T10:00:00Z,2025-02-01T11:00:00Z,high
        %s-2,2,Backwards,payments,2025-02-02T10:00:00Z,2025-02-02T09:00:00Z,high
        """.formatted(id, id);
    Answer answer = post("manager", "/api/imports", "text/csv", csv);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().path("detail").asText()).contains("nothing was written");
    assertThat(answer.body().path("written").asBoolean()).isFalse();
    JsonNode refused = answer.body().path("lines").get(1);
    assertThat(refused.path("line").asInt()).isEqualTo(3);
    assertThat(refused.path("outcome").asText()).isEqualTo("refused");
    assertThat(refused.path("problems").get(0).path("field").asText()).isEqualTo("resolved_on");
    assertThat(answer.body().path("lines").get(0).path("outcome").asText()).isEqualTo("created");
    assertThat(count("SELECT COUNT(*) FROM incident")).as("nothing half-written").isEqualTo(incidents);
    assertThat(count("SELECT COUNT(*) FROM incident_import WHERE source_id LIKE '" + id + "%'")).isZero();

    String duplicate = batch(item(id + "-x", "2024-06-01T10:00:00Z", "2024-06-01T11:00:00Z", "SEV2"),
        item(id + "-x", "2024-06-01T10:00:00Z", "2024-06-01T11:00:00Z", "SEV2"));
    Answer twice = post("manager", "/api/imports", "application/json", duplicate);
    assertThat(twice.status()).isEqualTo(422);
    assertThat(twice.body().path("lines").get(1).path("problems").get(0).path("message").asText())
        .contains("already on line 1");
  }

  @Test
  void aWhollyBadRequestIsAProblemAndOnlyIncidentManagersImport() {
    Answer empty = post("manager", "/api/imports", "application/json", "{}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.contentType()).startsWith("application/problem+json");
    assertThat(empty.body().toString()).contains("incidents");
    Answer notJson = post("manager", "/api/imports", "application/json", "{\"incidents\": [");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().toString()).doesNotContain("Exception");
    Answer unknown = post("manager", "/api/imports", "text/csv", "a,b\n1,2\n");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().toString()).contains("format");
    Answer badFormat = post("manager", "/api/imports?format=jira", "text/csv", "a,b\n1,2\n");
    assertThat(badFormat.status()).isEqualTo(400);
    Answer wrongHeader = post("manager", "/api/imports?format=opsgenie", "text/csv", "a,b\n1,2\n");
    assertThat(wrongHeader.status()).isEqualTo(400);
    assertThat(wrongHeader.body().toString()).contains("line 1");

    String body = batch(item(UUID.randomUUID().toString(), "2024-07-01T10:00:00Z", "2024-07-01T11:00:00Z", "SEV3"));
    for (String user : List.of("responder", "executive", "comms", "auditor", "owner", "payments-dev")) {
      assertThat(post(user, "/api/imports", "application/json", body).status()).as(user).isEqualTo(403);
    }
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private static String item(String sourceId, String detectedAt, String resolvedAt, String severity) {
    return """
        {"sourceId":"%s","title":"Past incident %s","service":"checkout","type":"outage","severity":"%s",
         "detectedAt":"%s","resolvedAt":"%s","summary":"imported by a test"}""".formatted(sourceId, sourceId,
        severity, detectedAt, resolvedAt);
  }

  private static String batch(String... items) {
    return "{\"incidents\":[" + String.join(",", items) + "]}";
  }

}
