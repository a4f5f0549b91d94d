package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.platform.process.InvalidVariableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 11, point 9: completing a task over Camunda REST without a field its form requires is 400
 * problem+json naming the field, the task stays open; with the field it completes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class RequiredFieldsIT {

  @LocalServerPort
  int port;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  String declare(String title) {
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", Map.of("title", title,
        "service", "search", "incidentType", "outage", "impactScope", "part-of-users"));
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.body().path("incident").path("key").asText();
  }

  static Map<String, Object> typed(Object... keyValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      variables.put((String) keyValues[i], Map.of("value", keyValues[i + 1]));
    }
    return variables;
  }

  static void assertMissing(LifecycleClient.Response response, String field) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode body = response.body();
    assertThat(body.path("errors").path(0).path("field").asText()).as("%s", body).isEqualTo(field);
    assertThat(body.path("detail").asText()).contains(field).contains("required").doesNotContain("Exception");
  }

  @Test
  void triageWithoutItsOutcomeIs400NamingTheFieldAndTheTaskStaysOpen() {
    String key = declare("Triage without an outcome");
    String triage = client.awaitTask("responder", key, "TriageIncident");

    assertMissing(client.post("responder", "/engine-rest/task/" + triage + "/submit-form",
        Map.of("variables", typed("incidentType", "outage"))), "triageOutcome");
    assertMissing(client.post("responder", "/engine-rest/task/" + triage + "/complete", Map.of()), "triageOutcome");
    assertMissing(client.post("responder", "/engine-rest/task/" + triage + "/submit-form",
        Map.of("variables", typed("triageOutcome", "dismiss"))), "dismissReason");
    assertMissing(client.post("responder", "/engine-rest/task/" + triage + "/submit-form",
        Map.of("variables", typed("triageOutcome", "acknowledge", "incidentType", "outage", "impactScope", ""))),
        "impactScope");
    assertThat(client.get("responder", "/engine-rest/task/" + triage).status()).as("still open").isEqualTo(200);

    LifecycleClient.Response done = client.post("responder", "/engine-rest/task/" + triage + "/submit-form",
        Map.of("variables", typed("triageOutcome", "acknowledge", "incidentType", "outage",
            "impactScope", "part-of-users", "complexity", "low", "commander", "responder", "overrideSeverity", false)));
    assertThat(done.status()).as("%s", done.body()).isEqualTo(204);
    assertThat(client.get("responder", "/engine-rest/task/" + triage).status()).as("completed").isEqualTo(404);
    client.awaitIncident("responder", key, "investigating");
  }

  @Test
  void anExpressionThatFindsAVariableUnsetIsNamedAs400() {
    ProcessEngineException engine = new ProcessEngineException("Unknown property used in expression: "
        + "${triageOutcome == 'acknowledge'}. Cause: Cannot resolve identifier 'triageOutcome'",
        new RuntimeException("Cannot resolve identifier 'triageOutcome'"));
    InvalidVariableException named = SystemVariableGuard.unknownProperty(engine);
    assertThat(named).isNotNull();
    assertThat(named.variable()).isEqualTo("triageOutcome");
    assertThat(SystemVariableGuard.unknownProperty(new ProcessEngineException("something else"))).isNull();
  }
}
