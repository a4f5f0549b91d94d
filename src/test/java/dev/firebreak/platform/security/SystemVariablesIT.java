package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import java.util.LinkedHashMap;
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
 * Issue 10, point 3: the takeover attempts of the issue, as the demo responder over Camunda REST,
 * each refused with 400 problem+json naming the variable and nothing changed; the normal paths
 * still work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class SystemVariablesIT {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  JsonNode declare(String title) {
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", Map.of("title", title,
        "service", "search", "incidentType", "outage", "impactScope", "part-of-users"));
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.body().path("incident");
  }

  JsonNode record(String key) {
    return client.get("auditor", "/api/incidents/" + key).body().path("incident");
  }

  static void assertRefused(LifecycleClient.Response response, String... variables) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    List<String> named = new java.util.ArrayList<>();
    response.body().path("variables").forEach(v -> named.add(v.asText()));
    assertThat(named).as("%s", response.body()).contains(variables);
    assertThat(response.body().path("detail").asText()).contains(variables[0]);
  }

  static Map<String, Object> typed(Object... keyValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      variables.put((String) keyValues[i], Map.of("value", keyValues[i + 1]));
    }
    return variables;
  }

  static Map<String, Object> triage(Object... extra) {
    Map<String, Object> values = new LinkedHashMap<>(Map.of("triageOutcome", "acknowledge", "incidentType", "outage",
        "impactScope", "part-of-users", "complexity", "low", "commander", "responder", "overrideSeverity", false));
    for (int i = 0; i < extra.length; i += 2) {
      values.put((String) extra[i], extra[i + 1]);
    }
    return values;
  }

  @Test
  void startingAProcessWithAnotherIncidentsKeyIsRefused() {
    JsonNode victim = declare("Victim of a start");
    long instances = jdbc.sql("SELECT COUNT(*) FROM ACT_HI_PROCINST").query(Long.class).single();

    LifecycleClient.Response started = client.post("responder", "/engine-rest/process-definition/key/incident/start",
        Map.of("variables", typed("title", "Takeover", "service", "search", "incidentType", "outage",
            "impactScope", "part-of-users", "incidentKey", victim.path("key").asText(), "severity", "SEV1")));
    assertRefused(started, "incidentKey", "severity");
    LifecycleClient.Response submitted = client.post("responder",
        "/engine-rest/process-definition/key/incident/submit-form",
        Map.of("variables", typed("title", "Takeover", "incidentKey", victim.path("key").asText())));
    assertRefused(submitted, "incidentKey");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_PROCINST").query(Long.class).single()).isEqualTo(instances);
    JsonNode after = record(victim.path("key").asText());
    assertThat(after.path("title").asText()).isEqualTo("Victim of a start");
    assertThat(after.path("severity").asText()).isEqualTo(victim.path("severity").asText());
    assertThat(after.path("status").asText()).isNotEqualTo("dismissed");
  }

  @Test
  void aDeclarationWithoutARequiredFieldOverCamundaRestIs400NamingTheField() {
    long instances = jdbc.sql("SELECT COUNT(*) FROM ACT_HI_PROCINST").query(Long.class).single();

    LifecycleClient.Response started = client.post("responder", "/engine-rest/process-definition/key/incident/submit-form",
        Map.of("variables", typed("service", "search", "incidentType", "outage", "impactScope", "part-of-users")));

    assertThat(started.status()).as(started.body().toString()).isEqualTo(400);
    assertThat(started.contentType()).startsWith("application/problem+json");
    assertThat(started.body().path("errors").path(0).path("field").asText()).isEqualTo("title");
    assertThat(started.body().path("detail").asText()).contains("'title'").doesNotContain("Exception");
    LifecycleClient.Response badChoice = client.post("responder", "/engine-rest/process-definition/key/incident/submit-form",
        Map.of("variables", typed("title", "Bad choice", "service", "search", "incidentType", "meltdown",
            "impactScope", "part-of-users")));
    assertThat(badChoice.status()).isEqualTo(400);
    assertThat(badChoice.body().path("errors").path(0).path("field").asText()).isEqualTo("incidentType");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_PROCINST").query(Long.class).single())
        .as("nothing started").isEqualTo(instances);
  }

  @Test
  void completingTriageWithSystemVariablesIsRefusedAndOnlyTheFormsFieldsPass() {
    JsonNode a = declare("Incident A");
    JsonNode b = declare("Incident B");
    String keyA = a.path("key").asText();
    String keyB = b.path("key").asText();
    String triageA = client.awaitTask("responder", keyA, "TriageIncident");
    String triageB = client.awaitTask("responder", keyB, "TriageIncident");
    assertThat(client.post("responder", "/engine-rest/task/" + triageA + "/claim", Map.of("userId", "responder"))
        .status()).isEqualTo(204);

    assertRefused(client.post("responder", "/engine-rest/task/" + triageA + "/submit-form",
        Map.of("variables", typedValues(triage("triageOutcome", "dismiss", "dismissReason", "not ours",
            "incidentKey", keyB)))), "incidentKey");
    assertRefused(client.post("responder", "/engine-rest/task/" + triageA + "/complete",
        Map.of("variables", typedValues(triage("severity", "SEV1")))), "severity");
    assertRefused(client.post("responder", "/engine-rest/task/" + triageA + "/submit-form",
        Map.of("variables", typedValues(triage("escalationLevel", 3)))), "escalationLevel");

    assertThat(client.get("responder", "/engine-rest/task/" + triageA).status()).as("A's triage still open")
        .isEqualTo(200);
    assertThat(client.get("responder", "/engine-rest/task/" + triageB).status()).as("B's triage still open")
        .isEqualTo(200);
    assertThat(record(keyB).path("status").asText()).isEqualTo(b.path("status").asText());
    assertThat(record(keyA).path("severity").asText()).isEqualTo(a.path("severity").asText());
    assertThat(record(keyA).path("escalationLevel").asInt()).isEqualTo(a.path("escalationLevel").asInt());

    // read-only fields Tasklist shows may come back unchanged (one without a value comes back empty,
    // as form-js sends it); the form's own fields pass
    LifecycleClient.Response worked = client.post("responder", "/engine-rest/task/" + triageA + "/submit-form",
        Map.of("variables", typedValues(triage("incidentKey", keyA, "title", "Incident A", "serviceNote", ""))));
    assertThat(worked.status()).as("%s", worked.body()).isEqualTo(204);
    client.awaitIncident("responder", keyA, "investigating");
    assertThat(record(keyB).path("status").asText()).isEqualTo(b.path("status").asText());
  }

  @Test
  void messagesAndVariableUpdatesCannotSetSystemVariables() {
    JsonNode incident = declare("Target of messages");
    String key = incident.path("key").asText();
    String instance = incident.path("processInstanceId").asText();
    client.awaitTask("responder", key, "TriageIncident");

    assertRefused(client.post("responder", "/engine-rest/message", Map.of("messageName", "EscalationRequested",
        "businessKey", key, "processVariables", typed("incidentKey", "INC-1999-0001", "severity", "SEV1"))),
        "incidentKey", "severity");
    assertRefused(client.put("responder", "/engine-rest/process-instance/" + instance + "/variables/severity",
        Map.of("value", "SEV1")), "severity");
    assertRefused(client.post("responder", "/engine-rest/process-instance/" + instance + "/variables",
        Map.of("modifications", typed("escalationLevel", 3), "deletions", List.of("incidentKey"))),
        "escalationLevel", "incidentKey");
    assertRefused(client.put("responder", "/engine-rest/execution/" + instance + "/localVariables/incidentKey",
        Map.of("value", "INC-1999-0001")), "incidentKey");
    String triage = client.awaitTask("responder", key, "TriageIncident");
    assertRefused(client.put("responder", "/engine-rest/task/" + triage + "/variables/severity",
        Map.of("value", "SEV1")), "severity");
    assertRefused(client.post("responder", "/engine-rest/process-instance/" + instance + "/modification",
        Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "TriageIncident",
            "variables", Map.of("severity", Map.of("value", "SEV1", "local", false)))))), "severity");

    JsonNode after = record(key);
    assertThat(after.path("severity").asText()).isEqualTo(incident.path("severity").asText());
    assertThat(after.path("escalationLevel").asInt()).isEqualTo(incident.path("escalationLevel").asInt());
    assertThat(client.get("admin", "/engine-rest/process-instance/" + instance + "/variables/incidentKey")
        .body().path("value").asText()).isEqualTo(key);
    assertThat(client.get("admin", "/engine-rest/process-instance/" + instance + "/variables/severity")
        .body().path("value").asText()).isEqualTo(incident.path("severity").asText());
  }

  @Test
  void administratorsMayStillWriteVariables() {
    JsonNode incident = declare("Fixed by an administrator");
    String instance = incident.path("processInstanceId").asText();
    LifecycleClient.Response written = client.put("admin",
        "/engine-rest/process-instance/" + instance + "/variables/severityReason", Map.of("value", "set by hand"));
    assertThat(written.status()).as("%s", written.body()).isEqualTo(204);
    LifecycleClient.Response free = client.put("responder",
        "/engine-rest/process-instance/" + instance + "/variables/myScratchNote", Map.of("value", "x"));
    assertThat(free.status()).as("a variable nobody owns is no system variable: %s", free.body()).isNotEqualTo(400);
  }

  private Map<String, Object> typedValues(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }
}
