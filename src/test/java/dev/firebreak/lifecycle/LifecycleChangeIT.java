package dev.firebreak.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Lifecycle changes over HTTP as the demo users: a process owner proposes, another owner or an
 * administrator reviews in Camunda REST (what Tasklist does), Firebreak deploys; direct deployment
 * stays for administrators.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class LifecycleChangeIT {

  static final String CHANGES = "/api/lifecycle/changes";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  LifecycleClient client;
  RestClient http;

  @BeforeEach
  void clients() {
    client = new LifecycleClient(port);
    http = RestClient.builder().baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
  }

  @Test
  void changedDecisionIsCheckedApprovedByAnotherOwnerAndDeployed() throws IOException {
    String dmn = Files.readString(Path.of("dmn/postmortem-policy.dmn"))
        .replace("Handbook follow-up: every SEV1 gets", "Every SEV1 gets");
    LifecycleClient.Response proposed = propose("owner", "Shorter rule description",
        Map.of("postmortem-policy.dmn", dmn));
    assertThat(proposed.status()).as("%s", proposed.body()).isEqualTo(201);
    String id = proposed.body().path("id").asText();
    assertThat(proposed.body().path("status").asText()).isEqualTo("in-review");
    assertThat(proposed.body().path("checkPassed").asBoolean()).isTrue();
    assertThat(proposed.body().path("decisionDiff").asText())
        .contains("Decision postmortem-policy (postmortem-policy.dmn): 1 changed, 0 added, 0 removed rules",
            "~ rule postmortem-policy-rule-2", "  →  Every SEV1 gets");

    String task = client.awaitTask("owner2", id, "ReviewLifecycleChange");
    JsonNode form = client.get("owner2", "/engine-rest/task/" + task + "/form-variables").body();
    assertThat(form.path("lifecycleDecisionDiff").path("value").asText()).contains("~ rule postmortem-policy-rule-2");
    assertThat(form.path("lifecycleChangeProposer").path("value").asText()).isEqualTo("owner");

    LifecycleClient.Response ownApproval = submit("owner", task, "approve", "Mine is fine");
    assertThat(ownApproval.status()).as("the proposer approves: %s", ownApproval.body()).isEqualTo(403);
    assertThat(ownApproval.body().path("message").asText()).contains("proposed by owner", "four eyes");

    LifecycleClient.Response approval = client.work("owner2", task, Map.of("lifecycleChangeDecision", "approve",
        "lifecycleChangeDecisionReason", "Reads better"));
    assertThat(approval.status()).as("owner2 approves: %s", approval.body()).isEqualTo(204);

    JsonNode change = awaitStatus(id, "deployed");
    String deploymentId = change.path("deploymentId").asText();
    assertThat(change.path("decidedBy").asText()).isEqualTo("owner2");
    assertThat(change.path("timeline").findValuesAsText("step")).containsExactly("proposed", "checked", "approved",
        "deployed");
    assertThat(change.path("timeline").get(0).path("by").asText()).isEqualTo("owner");
    assertThat(change.path("timeline").get(2).path("by").asText()).isEqualTo("owner2");

    JsonNode decision = client.get("admin", "/engine-rest/decision-definition/key/postmortem-policy").body();
    assertThat(decision.path("deploymentId").asText()).isEqualTo(deploymentId);
    JsonNode xml = client.get("owner", "/engine-rest/decision-definition/key/postmortem-policy/xml").body();
    assertThat(xml.path("dmnXml").asText()).contains("Every SEV1 gets");
    JsonNode deployment = client.get("admin", "/engine-rest/deployment/" + deploymentId).body();
    assertThat(deployment.path("name").asText()).isEqualTo("lifecycle-change-" + id);
    assertThat(deployment.path("source").asText()).isEqualTo("firebreak-lifecycle-change");

    JsonNode list = client.get("owner2", CHANGES).body();
    assertThat(list.path("changes").findValuesAsText("id")).contains(id);
  }

  @Test
  void brokenProcessIsCheckedCannotBeApprovedAndRejectedDeploysNothing() throws IOException {
    String bpmn = Files.readString(Path.of("processes/transition-tracking-issue.bpmn"))
        .replaceAll("(?s)<bpmndi:BPMNShape id=\"TransitionTrackingIssue_di\".*?</bpmndi:BPMNShape>", "")
        .replace("<bpmn:endEvent id=\"End_IssueTransitioned\"", "<bpmn:userTask id=\"ConfirmIssueMoved\" "
            + "name=\"Confirm issue moved\" camunda:candidateGroups=\"responders\" camunda:formRef=\"confirm-issue-moved\" "
            + "camunda:formRefBinding=\"deployment\" /><bpmn:endEvent id=\"End_IssueTransitioned\"");
    LifecycleClient.Response proposed = propose("owner", "A confirmation step",
        Map.of("transition-tracking-issue.bpmn", bpmn));
    assertThat(proposed.status()).as("%s", proposed.body()).isEqualTo(201);
    String id = proposed.body().path("id").asText();
    assertThat(proposed.body().path("checkPassed").asBoolean()).isFalse();
    assertThat(proposed.body().path("problems").toString())
        .contains("transition-tracking-issue.bpmn: TransitionTrackingIssue has no shape in the diagram")
        .contains("ConfirmIssueMoved refers to form 'confirm-issue-moved', which is neither proposed nor deployed");

    String task = client.awaitTask("admin", id, "ReviewLifecycleChange");
    JsonNode form = client.get("admin", "/engine-rest/task/" + task + "/form-variables").body();
    assertThat(form.path("lifecycleCheckResult").path("value").asText()).contains("cannot be approved", "no shape");
    LifecycleClient.Response approval = submit("admin", task, "approve", "Ship it");
    assertThat(approval.status()).as("approval of a failed check: %s", approval.body()).isEqualTo(400);
    assertThat(approval.body().path("message").asText()).contains("cannot be approved: the model check found problems");

    assertThat(submit("admin", task, "reject", "Draw every task and add the form").status()).isEqualTo(204);
    JsonNode change = awaitStatus(id, "rejected");
    assertThat(change.path("deploymentId").isNull()).isTrue();
    assertThat(change.path("timeline").findValuesAsText("step")).containsExactly("proposed", "checked", "rejected");
    assertThat(client.get("admin", "/engine-rest/deployment?name=lifecycle-change-" + id).body().size()).isZero();
  }

  @Test
  void emptyUnknownAndUnparsableUploadsAreRefusedAndNothingIsStored() {
    long before = count();
    LifecycleClient.Response none = propose("owner", "Nothing", Map.of());
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.contentType()).startsWith("application/problem+json");
    assertThat(none.body().path("detail").asText()).contains("files are required");
    LifecycleClient.Response unknown = propose("owner", "Notes", Map.of("notes.txt", "hello"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("detail").asText()).contains("notes.txt is not a .bpmn, .dmn or .form file");
    LifecycleClient.Response broken = propose("owner", "Broken", Map.of("incident.bpmn", "<bpmn:definitions"));
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.contentType()).startsWith("application/problem+json");
    assertThat(broken.body().path("detail").asText()).contains("incident.bpmn is not well-formed XML");
    assertThat(propose("owner", " ", Map.of("drill.bpmn", "<x/>")).status()).isEqualTo(400);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void otherRolesAreRefused() {
    LifecycleClient.Response responder = propose("responder", "Let me", Map.of("x.form", "{\"components\":[]}"));
    assertThat(responder.status()).isEqualTo(403);
    assertThat(responder.contentType()).startsWith("application/problem+json");
    assertThat(responder.body().path("detail").asText()).contains("Only process owners and administrators");
    assertThat(propose("auditor", "Let me", Map.of("x.form", "{\"components\":[]}")).status()).isEqualTo(403);
    assertThat(client.get("responder", CHANGES).status()).isEqualTo(403);
    assertThat(client.get("manager", CHANGES + "/x").status()).isEqualTo(403);
    assertThat(client.get("auditor", CHANGES).status()).isEqualTo(200);
    assertThat(client.get("auditor", CHANGES + "/no-such-change").status()).isEqualTo(404);
    assertThat(client.get(null, CHANGES).status()).isEqualTo(401);
  }

  @Test
  void onlyAdministratorsDeployDirectly() {
    String form = "{\"id\":\"direct\",\"type\":\"default\",\"schemaVersion\":16,\"components\":[]}";
    LifecycleClient.Response owner = deployDirectly("owner", form);
    assertThat(owner.status()).as("owner deploys directly: %s", owner.body()).isEqualTo(403);
    assertThat(deployDirectly("owner2", form).status()).isEqualTo(403);
    LifecycleClient.Response admin = deployDirectly("admin", form);
    assertThat(admin.status()).as("admin deploys directly: %s", admin.body()).isEqualTo(200);
  }

  private LifecycleClient.Response propose(String user, String summary, Map<String, String> files) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("summary", summary);
    files.forEach((name, text) -> parts.add("files", file(name, text)));
    return multipart(user, CHANGES, parts);
  }

  private LifecycleClient.Response deployDirectly(String user, String form) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "direct-" + user);
    parts.add("data", file("direct.form", form));
    return multipart(user, "/engine-rest/deployment/create", parts);
  }

  private LifecycleClient.Response submit(String user, String task, String decision, String reason) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("lifecycleChangeDecision", Map.of("value", decision));
    variables.put("lifecycleChangeDecisionReason", Map.of("value", reason));
    return client.post(user, "/engine-rest/task/" + task + "/submit-form", Map.of("variables", variables));
  }

  private LifecycleClient.Response multipart(String user, String path, MultiValueMap<String, Object> parts) {
    return http.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + LifecycleClient.PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .body(parts)
        .exchange((request, response) -> {
          byte[] bytes = response.getBody().readAllBytes();
          JsonNode body = bytes.length == 0 ? null : new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
          MediaType type = response.getHeaders().getContentType();
          return new LifecycleClient.Response(response.getStatusCode().value(), body, type == null ? null : type.toString());
        });
  }

  private static ByteArrayResource file(String name, String text) {
    return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  private JsonNode awaitStatus(String id, String status) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = client.get("owner", CHANGES + "/" + id).body();
      if (status.equals(last.path("status").asText())) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("Change " + id + " did not reach " + status + ": " + last);
  }

  private long count() {
    return jdbc.sql("SELECT COUNT(*) FROM lifecycle_change").query(Long.class).single();
  }
}
