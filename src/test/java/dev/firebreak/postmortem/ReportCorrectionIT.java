package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Report corrections over HTTP as the demo users (issue 14.1): a past incident imported with its full
 * report; a responder proposes a correction through the API, the incident manager approves it
 * through Camunda REST (what Tasklist sends) and the next revision has the text, the correction and
 * its reason, and so does the knowledge base; a rejected one leaves the report as it is, kept with the
 * reason; bad input and roles that did not work the incident are refused, nothing written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class ReportCorrectionIT {

  @LocalServerPort
  int port;

  @Test
  void proposedThroughTheApiApprovedOrRejectedInTasklist() {
    LifecycleClient client = new LifecycleClient(port);
    String batch = """
        {"incidents": [{"sourceId": "correction-it-1", "source": "grafana-oncall", "title": "Ledger writes failing",
          "service": "ledger", "type": "database", "severity": "SEV2", "commander": "manager",
          "detectedAt": "2025-06-01T10:00:00Z", "resolvedAt": "2025-06-01T10:40:00Z",
          "report": {"overview": "Ledger writes failed for 40 minutes", "cause": "Probably the network",
            "lessons": "Alert on pool saturation", "resolution": "Restarted the ledger service"}}]}""";
    LifecycleClient.Response imported = client.postRaw("manager", "/api/imports", batch);
    assertThat(imported.status()).as("%s", imported.body()).isEqualTo(200);
    String key = imported.body().path("lines").get(0).path("incidentKey").asText();
    String corrections = "/api/incidents/" + key + "/report/corrections";
    assertThat(report(client, key).path("revision").asInt()).isEqualTo(1);

    // roles that did not work the incident, and bad input: refused, nothing written
    for (String user : List.of("auditor", "executive", "comms", "owner", "payments-dev")) {
      LifecycleClient.Response refused = client.post(user, corrections, Map.of("section", "cause", "text", "x",
          "reason", "y"));
      assertThat(refused.status()).as(user).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/problem+json");
    }
    LifecycleClient.Response bad = client.post("responder", corrections, Map.of("section", "timeline", "text", " "));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.body().toString()).contains("section", "text", "reason").doesNotContain("Exception");
    assertThat(client.get("responder", corrections).body()).isEmpty();
    assertThat(client.post("responder", "/api/incidents/INC-1999-0001/report/corrections",
        Map.of("section", "cause", "text", "x", "reason", "y")).status()).isEqualTo(404);

    // proposed by a responder, approved by the incident manager in Tasklist
    LifecycleClient.Response proposed = client.post("responder", corrections, Map.of("section", "cause",
        "text", "Connection pool release bug on the error path", "reason", "The DB logs show the pool, not the network"));
    assertThat(proposed.status()).as("%s", proposed.body()).isEqualTo(201);
    assertThat(proposed.body().path("status").asText()).isEqualTo("proposed");
    assertThat(proposed.body().path("previousText").asText()).isEqualTo("Probably the network");
    // the proposer is no candidate of the approval; the manager is
    String taskId = client.awaitTask("manager", key, ReportCorrectionProcess.Elements.APPROVE_CORRECTION);
    assertThat(client.post("responder", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "responder"))
        .status()).isEqualTo(403);
    client.workTask("manager", key, "ApproveReportCorrection", Map.of("reportCorrectionDecision", "approve",
        "reportCorrectionDecisionReason", "Matches the DB logs"));

    JsonNode second = report(client, key);
    assertThat(second.path("revision").asInt()).isEqualTo(2);
    assertThat(second.path("reason").asText()).isEqualTo("correction");
    assertThat(second.path("sections").get(4).path("text").asText()).isEqualTo("Connection pool release bug on the error path");
    assertThat(second.path("corrections").get(0).path("reason").asText()).isEqualTo("The DB logs show the pool, not the network");
    assertThat(second.path("corrections").get(0).path("approvedBy").asText()).isEqualTo("manager");
    LifecycleClient.Response markdown = client.get("auditor", "/api/incidents/" + key + "/report?format=markdown");
    assertThat(markdown.body().asText()).contains("_Corrected in revision 2: The DB logs show the pool, not the network_",
        "## Corrections");
    LifecycleClient.Response page = client.get("auditor", "/api/incidents/" + key + "/report?format=html");
    assertThat(page.body().asText()).contains("Corrected in revision 2", "Propose a correction",
        "/incidents/" + key + "/report/corrections");
    JsonNode found = client.get("responder", "/api/knowledge?q=release bug").body();
    assertThat(found.path("results").toString()).as("the knowledge base follows").contains(key,
        "Restarted the ledger service");

    // another one, rejected: the report stays at revision 2, the rejection kept with its reason
    assertThat(client.post("responder", corrections, Map.of("section", "lessons", "text", "Nothing to learn",
        "reason", "Too long")).status()).isEqualTo(201);
    client.workTask("manager", key, "ApproveReportCorrection", Map.of("reportCorrectionDecision", "reject",
        "reportCorrectionDecisionReason", "The lessons are what we agreed"));
    JsonNode unchanged = report(client, key);
    assertThat(unchanged.path("revision").asInt()).isEqualTo(2);
    assertThat(unchanged.path("sections").get(7).path("text").asText()).isEqualTo("Alert on pool saturation");
    JsonNode all = client.get("auditor", corrections).body();
    assertThat(all).hasSize(2);
    assertThat(all.get(0).path("status").asText()).isEqualTo("approved");
    assertThat(all.get(0).path("revision").asInt()).isEqualTo(2);
    assertThat(all.get(1).path("status").asText()).isEqualTo("rejected");
    assertThat(all.get(1).path("decidedBy").asText()).isEqualTo("manager");
    assertThat(all.get(1).path("decisionReason").asText()).isEqualTo("The lessons are what we agreed");
    JsonNode timeline = client.get("responder", "/api/incidents/" + key).body().path("timeline");
    assertThat(timeline.toString()).contains("approved, report re-published (revision 2): Matches the DB logs",
        "rejected: The lessons are what we agreed");
  }

  private static JsonNode report(LifecycleClient client, String key) {
    LifecycleClient.Response answer = client.get("auditor", "/api/incidents/" + key + "/report?format=json");
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    return answer.body();
  }
}
