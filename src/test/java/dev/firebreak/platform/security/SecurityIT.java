package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.LifecycleClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/** Authentication, approval authorization and input validation, over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class SecurityIT {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  @Test
  void camundaRestNeedsCredentials() {
    assertThat(client.get(null, "/engine-rest/task").status()).isEqualTo(401);
    assertThat(client.get(null, "/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(client.get("responder", "/engine-rest/task").status()).isEqualTo(200);
  }

  @Test
  void apiNeedsCredentialsAndSaysSoAsProblemJson() {
    LifecycleClient.Response anonymous = client.get(null, "/api/incidents");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(client.post(null, "/api/incidents", Map.of("title", "x")).status()).isEqualTo(401);
    assertThat(client.get("responder", "/api/incidents").status()).isEqualTo(200);
  }

  @Test
  void wrongPasswordIsRefused() {
    LifecycleClient other = new LifecycleClient(port) {
    };
    assertThat(other.get("nobody", "/api/incidents").status()).isEqualTo(401);
    assertThat(other.get("nobody", "/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void healthIsPublicButMetricsAreNot() {
    assertThat(client.get(null, "/actuator/health").status()).isEqualTo(200);
    assertThat(client.get(null, "/actuator/prometheus").status()).isEqualTo(401);
  }

  @Test
  void situationBoardNeedsLoginAndShowsOpenIncidents() {
    assertThat(client.get(null, "/incidents").status()).isIn(401, 302);
    var declared = client.post("responder", "/api/incidents", Map.of("title", "Board <b>check</b>",
        "service", "search", "incidentType", "outage", "impactScope", "part-of-users"));
    String key = declared.body().path("incident").path("key").asText();
    client.post("responder", "/api/incidents/" + key + "/timeline", Map.of("text", "14:35 checked the search cluster"));

    String board = client.get("manager", "/incidents").body().asText();
    assertThat(board).contains(key, "Board &lt;b&gt;check&lt;/b&gt;", "SEV3").doesNotContain("<b>check</b>");
    assertThat(board).as("search's on-call person from the rotation").contains("Rae Responder (search)");
    String page = client.get("manager", "/incidents/" + key).body().asText();
    assertThat(page).as("the note at the time it states").contains("checked the search cluster", "14:35", "Incident declared", "/camunda/app/tasklist",
        "Rae Responder (search)", "/status");
    assertThat(client.get("manager", "/incidents/INC-1999-0001").status()).isEqualTo(404);
  }

  @Test
  void responderCannotApproveEscalationButManagerCan() {
    Map<String, Object> declaration = new LinkedHashMap<>();
    declaration.put("title", "Payments down");
    declaration.put("service", "payments");
    declaration.put("incidentType", "outage");
    declaration.put("impactScope", "all-users");
    declaration.put("detectedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(45).toString());
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", declaration);
    String key = declared.body().path("incident").path("key").asText();
    String processInstanceId = declared.body().path("incident").path("processInstanceId").asText();
    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", false));
    client.fireTimer("admin", processInstanceId, "EscalationTimer");
    String approval = client.awaitTask("manager", key, "ApproveEscalation");

    LifecycleClient.Response claim = client.post("responder", "/engine-rest/task/" + approval + "/claim",
        Map.of("userId", "responder"));
    assertThat(claim.status()).as("responder claims approval: %s", claim.body()).isEqualTo(403);
    LifecycleClient.Response submit = client.post("responder", "/engine-rest/task/" + approval + "/submit-form",
        Map.of("variables", Map.of("escalationDecision", Map.of("value", "approve"),
            "escalationDecisionReason", Map.of("value", "I approve myself"))));
    assertThat(submit.status()).as("responder completes approval: %s", submit.body()).isEqualTo(403);
    assertThat(client.get("manager", "/engine-rest/task/" + approval).status()).isEqualTo(200);

    assertThat(client.work("manager", approval, Map.of("escalationDecision", "approve",
        "escalationDecisionReason", "Payments down 45 minutes")).status()).isEqualTo(204);
  }

  @Test
  void badDeclarationIsRefusedNamingEachFieldAndNothingIsStored() {
    long incidents = count("SELECT COUNT(*) FROM incident");
    long instances = count("SELECT COUNT(*) FROM ACT_HI_PROCINST");
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("title", "");
    bad.put("service", "teleportation");
    bad.put("incidentType", "meteor");
    bad.put("serviceTier", 7);
    LifecycleClient.Response response = client.post("responder", "/api/incidents", bad);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("title", "service", "incidentType", "impactScope", "serviceTier");
    assertThat(response.body().path("detail").asText()).contains("service must be one of [payments, checkout, search, reporting]");
    assertThat(count("SELECT COUNT(*) FROM incident")).isEqualTo(incidents);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_PROCINST")).isEqualTo(instances);
  }

  @Test
  void malformedJsonAndWrongTypesAreProblems() {
    LifecycleClient.Response malformed = client.postRaw("responder", "/api/incidents", "{\"title\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    LifecycleClient.Response wrongType = client.postRaw("responder", "/api/incidents",
        "{\"title\":\"x\",\"serviceTier\":\"high\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("errors").findValuesAsText("field")).containsExactly("serviceTier");
  }

  @Test
  void notesNeedTextAndAKnownIncident() {
    assertThat(client.post("responder", "/api/incidents/INC-2000-0001/timeline", Map.of("text", "x")).status())
        .isEqualTo(404);
    assertThat(client.get("responder", "/api/incidents?status=bogus").status()).isEqualTo(400);
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
