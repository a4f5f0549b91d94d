package dev.firebreak.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Tasklist as the demo users see it through Camunda REST: each role's saved filters, and what the
 * filters list — tasks named with the incident's severity, key and title.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class TasklistFiltersIT {

  static final String TITLE = "결제 DB 연결 실패";

  @LocalServerPort
  int port;

  @Test
  void eachRoleGetsItsFiltersAndTheyListTheIncidentsTasks() {
    LifecycleClient client = new LifecycleClient(port);
    Map<String, Object> declaration = new LinkedHashMap<>();
    declaration.put("title", TITLE);
    declaration.put("service", "payments");
    declaration.put("incidentType", "database");
    declaration.put("impactScope", "all-users");
    declaration.put("detectedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(40).toString());
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", declaration);
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    String key = declared.body().path("incident").path("key").asText();
    String processInstanceId = declared.body().path("incident").path("processInstanceId").asText();

    client.awaitTask("responder", key, "TriageIncident");
    JsonNode triage = client.get("responder", "/engine-rest/task?processInstanceBusinessKey=" + key
        + "&taskDefinitionKey=TriageIncident").body().get(0);
    assertThat(triage.path("name").asText()).isEqualTo("[SEV1] " + key + " Triage incident — " + TITLE);
    assertThat(triage.path("priority").asInt()).isEqualTo(100);
    assertThat(triage.path("due").isNull()).isFalse();

    client.workTask("responder", key, "TriageIncident", Map.of(
        "triageOutcome", "acknowledge", "complexity", "high", "commander", "manager", "overrideSeverity", false));
    client.post("responder", "/api/incidents/" + key + "/escalation", Map.of("level", 3, "reason", "All payments down"));
    client.awaitTask("manager", key, "ApproveEscalation");
    client.workTask("responder", key, "DiagnoseAndChooseRecovery", Map.of(
        "diagnosis", "Release 4.2.0 leaks DB connections", "recoveryStrategy", "rollback",
        "targetVersion", "4.1.3", "databaseChanged", true));
    client.awaitTask("manager", key, "ApproveRollback");

    // the manager: approvals, the team's incidents, every incident task (also a responder); not communications'
    Map<String, String> managers = filters(client, "manager");
    assertThat(managers).containsKeys("Approvals waiting for me", "My team's incidents", "All open incident tasks")
        .doesNotContainKey("Status updates to approve");
    List<JsonNode> approvals = list(client, "manager", managers.get("Approvals waiting for me"));
    assertThat(approvals).extracting(t -> t.path("taskDefinitionKey").asText())
        .contains("ApproveEscalation", "ApproveRollback")
        .allMatch(k -> k.startsWith("Approve"));
    assertThat(approvals).filteredOn(t -> t.path("taskDefinitionKey").asText().equals("ApproveRollback"))
        .extracting(t -> t.path("name").asText())
        .containsExactly("[SEV1] " + key + " Approve rollback — " + TITLE);

    // communications: status updates to approve, not the managers' approvals
    Map<String, String> comms = filters(client, "comms");
    assertThat(comms).containsKeys("Status updates to approve", "My team's incidents")
        .doesNotContainKeys("Approvals waiting for me", "All open incident tasks");
    if (client.get("comms", "/engine-rest/task?processInstanceBusinessKey=" + key
        + "&taskDefinitionKey=ApprovePublicNotice").body().isEmpty()) {
      client.fireTimer("admin", processInstanceId, "StatusUpdateTimer");
    }
    client.awaitTask("comms", key, "ApprovePublicNotice");
    assertThat(list(client, "comms", comms.get("Status updates to approve")))
        .extracting(t -> t.path("taskDefinitionKey").asText()).contains("ApprovePublicNotice")
        .doesNotContain("ApproveRollback", "ApproveEscalation");

    // a responder sees the incident tasks, not the approvals filter
    assertThat(filters(client, "responder")).containsKeys("All open incident tasks", "My team's incidents")
        .doesNotContainKeys("Approvals waiting for me", "Status updates to approve");
  }

  private static Map<String, String> filters(LifecycleClient client, String user) {
    LifecycleClient.Response response = client.get(user, "/engine-rest/filter?resourceType=Task");
    assertThat(response.status()).as("filters of %s: %s", user, response.body()).isEqualTo(200);
    Map<String, String> byName = new LinkedHashMap<>();
    response.body().forEach(f -> byName.put(f.path("name").asText(), f.path("id").asText()));
    return byName;
  }

  private static List<JsonNode> list(LifecycleClient client, String user, String filterId) {
    LifecycleClient.Response response = client.get(user, "/engine-rest/filter/" + filterId + "/list?maxResults=100");
    assertThat(response.status()).as("filter list as %s: %s", user, response.body()).isEqualTo(200);
    List<JsonNode> tasks = new ArrayList<>();
    response.body().forEach(tasks::add);
    return tasks;
  }
}
