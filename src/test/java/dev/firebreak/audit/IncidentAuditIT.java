package dev.firebreak.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.platform.Browser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The auditor's evidence of a whole incident worked by the demo users (declare → triage → escalation
 * approved → public notice → rollback approved → restored → post-mortem approved → closed, and an
 * administrator's variable change): read as {@code auditor}, refused to responders and
 * communications, archived at close and still there once the engine's history is deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class IncidentAuditIT {

  @LocalServerPort
  int port;

  @Autowired
  HistoryService history;

  @Autowired
  RuntimeService runtime;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  @Test
  void auditorReadsEveryTaskDecisionApprovalAndChangeOfAClosedIncidentEvenAfterHistoryIsDeleted() throws Exception {
    LifecycleClient.Declared declared = client.declare("responder", LifecycleClient.paymentDatabaseOutage(
        "Payment DB connection failure", "Connection attempts to the payment DB fail; nobody can pay."));
    String key = declared.key();
    String processInstanceId = declared.processInstanceId();

    client.triage(key, "database", "all-users", "high");
    // an administrator changes a variable by hand: an administrative change
    LifecycleClient.Response set = client.put("admin", "/engine-rest/process-instance/" + processInstanceId
        + "/variables/auditProbe", Map.of("value", "set by hand", "type", "String"));
    assertThat(set.status()).as("admin sets a variable: %s", set.body()).isEqualTo(204);

    client.fireTimer("admin", processInstanceId, "EscalationTimer");
    client.workTask("manager", key, "ApproveEscalation", Map.of(
        "escalationDecision", "approve", "escalationDecisionReason", "All payments down for 40 minutes"));
    client.fireTimer("admin", processInstanceId, "StatusUpdateTimer");
    client.workTask("comms", key, "ApprovePublicNotice", Map.of(
        "statusPhase", "identified", "statusMessage", "We found the cause and are rolling back."));
    client.workTask("responder", key, "DiagnoseAndChooseRecovery", Map.of(
        "diagnosis", "Release 4.2.0 leaks DB connections", "recoveryStrategy", "rollback",
        "targetVersion", "4.1.3", "databaseChanged", true));
    client.workTask("manager", key, "ApproveRollback", Map.of(
        "rollbackDecision", "approve", "rollbackDecisionReason", "Last stable version, tested"));
    client.workTask("responder", key, "ConfirmDeployment", Map.of(
        "deploymentOutcome", "succeeded", "deploymentDetails", "Rolled back by hand to 4.1.3"));
    client.workTask("responder", key, "RestoreDatabase", Map.of(
        "restoredFrom", "PITR 14:29", "dataConsistent", "yes", "consistencyNotes", "Row counts and checksums match"));
    client.workTask("responder", key, "VerifyRecovery", Map.of(
        "recoveryVerified", "yes", "verificationNotes", "Payments succeed, error rate 0"));
    client.workTask("responder", key, "ConfirmServiceRestored", Map.of(
        "serviceRestored", "yes", "resolutionSummary", "Rolled back to 4.1.3 and restored the DB"));
    client.awaitIncident("responder", key, "postmortem");

    // before close: read from live history, and already for auditors only
    LifecycleClient.Response live = client.get("auditor", "/api/incidents/" + key + "/audit");
    assertThat(live.status()).as("live audit: %s", live.body()).isEqualTo(200);
    assertThat(live.body().path("source").asText()).isEqualTo("history");

    Map<String, Object> postmortem = new LinkedHashMap<>();
    postmortem.put("postmortemSummary", "Payments were down for all users.");
    postmortem.put("customerImpact", "No payments for 2h15m");
    postmortem.put("rootCause", "Memory leak in the primary DB");
    postmortem.put("responseTimeline", "14:35 checked DB server; 15:30 failed over");
    postmortem.put("preventionMeasures", "DB memory monitoring");
    postmortem.put("followUp", "Apology to customers");
    postmortem.put("lessonsLearned", "Fail over sooner");
    postmortem.put("actionItems", List.of(Map.of("title", "Alert on DB memory", "owner", "responder", "dueDate", "2026-12-15")));
    client.writeApprovedPostmortem(key, postmortem);
    client.awaitIncident("auditor", key, "closed");

    JsonNode audit = awaitArchive(key);
    assertEvidence(audit);

    // refused to those who do not audit; nothing to write for auditors
    assertThat(client.get("responder", "/api/incidents/" + key + "/audit").status()).isEqualTo(403);
    assertThat(client.get("comms", "/api/incidents/" + key + "/audit").status()).isEqualTo(403);
    assertThat(client.get(null, "/api/incidents/" + key + "/audit").status()).isEqualTo(401);
    assertThat(client.get("manager", "/api/incidents/" + key + "/audit").status()).isEqualTo(200);
    assertThat(client.get("admin", "/api/incidents/" + key + "/audit").status()).isEqualTo(200);
    assertThat(client.post("auditor", "/api/incidents/" + key + "/timeline", Map.of("text", "auditor note")).status())
        .isEqualTo(403);
    assertThat(client.get("auditor", "/api/incidents/INC-1999-0001/audit").status()).isEqualTo(404);

    LifecycleClient.Response csv = client.get("auditor", "/api/incidents/" + key + "/audit?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body().asText()).startsWith("section,at,by,what,details")
        .contains("\"task\"", "\"decision\"", "\"approval\"", "Last stable version, tested", "\"administrative-change\"");

    // the engine's history cleanup removes the process instances' history: the archive stays
    List<String> ids = new ArrayList<>();
    audit.path("processInstances").forEach(p -> ids.add(p.path("id").asText()));
    // what still runs after the close (action item follow-ups, …) is deleted first, as an engine being emptied
    for (String id : ids) {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "audit archive test", true, true);
      }
    }
    for (int i = ids.size() - 1; i >= 0; i--) {
      if (history.createHistoricProcessInstanceQuery().processInstanceId(ids.get(i)).count() > 0) {
        history.deleteHistoricProcessInstance(ids.get(i));
      }
    }
    // the history cleanup removes decision history by its own time to live
    for (String id : ids) {
      history.createHistoricDecisionInstanceQuery().processInstanceId(id).list()
          .forEach(d -> history.deleteHistoricDecisionInstanceByInstanceId(d.getId()));
    }
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).count()).isZero();
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId).count()).isZero();
    LifecycleClient.Response after = client.get("auditor", "/api/incidents/" + key + "/audit");
    assertThat(after.status()).isEqualTo(200);
    assertEvidence(after.body());

    LifecycleClient.Response page = client.get("auditor", "/incidents/" + key + "/audit");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().asText()).contains("Audit evidence of " + key, "Approve rollback",
        "Last stable version, tested", "incident-severity", "All users of a tier-1");
    assertThat(client.get("responder", "/incidents/" + key + "/audit").status()).isEqualTo(403);

    // the printable page in Chromium, signed in as the auditor, in English and in Korean
    try (Browser browser = Browser.open(1280, 1600)) {
      browser.go("http://localhost:" + port + "/incidents/" + key + "/audit");
      browser.signIn("auditor", LifecycleClient.PASSWORD);
      browser.await(Duration.ofSeconds(15), "the audit page after signing in",
          () -> browser.url().contains("/incidents/" + key + "/audit"));
      assertThat(browser.text("h1")).isEqualTo("Audit evidence of " + key);
      assertThat(browser.text("#audit-source")).startsWith("From Firebreak's archive");
      assertThat(browser.script("return document.querySelectorAll('table.audit-tasks tbody tr').length;").asInt())
          .isEqualTo(audit.path("tasks").size());
      assertThat(browser.text("table.audit-approvals")).contains("Approve rollback", "Approved", "Last stable version, tested");
      assertThat(browser.text("table.audit-decisions")).contains("incident-severity v", "All users of a tier-1");
      browser.screenshot("audit-page.png");
      browser.go("http://localhost:" + port + "/incidents/" + key + "/audit?lang=ko");
      assertThat(browser.text("h1")).isEqualTo(key + " 감사 증적");
      assertThat(browser.text("#approvals")).isEqualTo("승인과 반려");
      browser.screenshot("audit-page-ko.png");
    }
  }

  private static void assertEvidence(JsonNode audit) {
    assertThat(audit.path("source").asText()).isEqualTo("archive");
    List<String> sections = new ArrayList<>();
    audit.fieldNames().forEachRemaining(sections::add);
    assertThat(sections).contains("tasks", "decisions", "approvals", "notifications", "administrativeChanges");

    JsonNode triage = find(audit.path("tasks"), "task", "TriageIncident");
    assertThat(triage.path("createdAt").asText()).isNotBlank();
    assertThat(triage.path("claimedBy").asText()).isEqualTo("responder");
    assertThat(triage.path("claimedAt").asText()).isNotBlank();
    assertThat(triage.path("completedBy").asText()).isEqualTo("responder");
    assertThat(triage.path("completedAt").asText()).isNotBlank();
    assertThat(triage.path("formValues").path("triageOutcome").asText()).isEqualTo("acknowledge");
    assertThat(triage.path("formValues").path("commander").asText()).isEqualTo("manager");
    assertThat(find(audit.path("tasks"), "task", "ApprovePublicNotice").path("completedBy").asText()).isEqualTo("comms");
    assertThat(find(audit.path("tasks"), "task", "ApproveRollback").path("processDefinitionKey").asText())
        .as("a task of a called process").isNotEqualTo("incident");

    JsonNode severity = find(audit.path("decisions"), "decisionKey", "incident-severity");
    assertThat(severity.path("decisionVersion").asInt()).isPositive();
    assertThat(severity.path("inputs").toString()).contains("all-users");
    assertThat(severity.path("outputs").path("severity").asText()).isEqualTo("SEV1");
    assertThat(severity.path("matchedRules").get(0).path("id").asText()).isEqualTo("incident-severity-rule-1");
    assertThat(severity.path("matchedRules").get(0).path("description").asText()).startsWith("All users of a tier-1");

    JsonNode rollback = find(audit.path("approvals"), "task", "ApproveRollback");
    assertThat(rollback.path("decision").asText()).isEqualTo("approve");
    assertThat(rollback.path("reason").asText()).isEqualTo("Last stable version, tested");
    assertThat(rollback.path("by").asText()).isEqualTo("manager");
    assertThat(find(audit.path("approvals"), "task", "ApproveEscalation").path("reason").asText())
        .isEqualTo("All payments down for 40 minutes");
    assertThat(find(audit.path("approvals"), "task", "ApprovePostmortem").path("by").asText()).isEqualTo("manager");

    assertThat(audit.path("notifications").size()).as("notifications sent").isPositive();
    JsonNode change = find(audit.path("administrativeChanges"), "by", "admin");
    assertThat(change.path("operation").asText()).isIn("SetVariable", "SetVariables", "ModifyVariable");
  }

  private static JsonNode find(JsonNode list, String field, String value) {
    for (JsonNode node : list) {
      if (value.equals(node.path(field).asText())) {
        return node;
      }
    }
    throw new AssertionError("No entry with " + field + " = " + value + " in " + list);
  }

  private JsonNode awaitArchive(String key) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      LifecycleClient.Response response = client.get("auditor", "/api/incidents/" + key + "/audit");
      assertThat(response.status()).as("audit: %s", response.body()).isEqualTo(200);
      last = response.body();
      if ("archive".equals(last.path("source").asText())) {
        return last;
      }
      pause();
    }
    throw new AssertionError("The audit of " + key + " was not archived: " + last);
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
