package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A responder who triages the moment an incident opens — while its first jobs (the channel post, the
 * page, the first notice, the escalation at once) run — gets the form accepted the first time, and the
 * incident goes on: no error, no stuck execution tree, no failed job.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=20",
    "camunda.bpm.job-execution.max-wait=100"})
@DirtiesContext
class TriageAtOnceIT {

  static final int INCIDENTS = 30;

  @LocalServerPort
  int port;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  @Test
  void triageSubmittedAsTheIncidentOpensIsAcceptedAndTheIncidentGoesOn() {
    List<String> keys = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < INCIDENTS; i++) {
      String scope = i % 3 == 0 ? "all-users" : "part-of-users";
      var declared = client.post("responder", "/api/incidents", Map.of("title", "Checkout errors " + i,
          "service", "checkout", "incidentType", "outage", "impactScope", scope));
      assertThat(declared.status()).as("%s", declared.body()).isEqualTo(201);
      String key = declared.body().path("incident").path("key").asText();
      keys.add(key);
      String task = client.awaitTask("responder", key, "TriageIncident");
      assertThat(client.post("responder", "/engine-rest/task/" + task + "/claim", Map.of("userId", "responder"))
          .status()).isEqualTo(204);
      var submitted = client.post("responder", "/engine-rest/task/" + task + "/submit-form", Map.of("variables",
          Map.of("triageOutcome", Map.of("value", "acknowledge"), "complexity", Map.of("value", "low"),
              "overrideSeverity", Map.of("value", false))));
      if (submitted.status() != 204) {
        refused.add(key + ": " + submitted.status() + " " + submitted.body());
      }
    }
    assertThat(refused).as("triage forms refused").isEmpty();
    for (String key : keys) {
      client.awaitIncident("responder", key, "investigating");
    }
    awaitNoJobsOf("PostToIncidentChannel", "PageOnCall");
    var failed = client.get("admin", "/engine-rest/incident");
    assertThat(failed.body()).as("failed jobs (Cockpit incidents)").isEmpty();
  }

  private void awaitNoJobsOf(String... activities) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    for (String activity : activities) {
      while (client.get("admin", "/engine-rest/job?activityId=" + activity).body().size() > 0) {
        assertThat(Instant.now()).as("jobs of %s left", activity).isBefore(deadline);
        LifecycleClient.sleep();
      }
    }
  }
}
