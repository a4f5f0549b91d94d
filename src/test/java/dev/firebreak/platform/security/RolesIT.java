package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 10, points 4 and 5, over HTTP as the demo users: roles as narrow as their job (process
 * owners and auditors write nothing at runtime, nobody edits their own account, managers do not
 * edit administrators), administrators' changes by hand on the incident's timeline, and four eyes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class RolesIT {

  @LocalServerPort
  int port;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  /** A SEV3 search incident, triaged: Diagnose and choose recovery is open. Returns {key, processInstanceId}. */
  private String[] triagedIncident(String title) {
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", Map.of("title", title,
        "service", "search", "incidentType", "outage", "impactScope", "part-of-users"));
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    String key = declared.body().path("incident").path("key").asText();
    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", false));
    return new String[] {key, declared.body().path("incident").path("processInstanceId").asText()};
  }

  private String rollbackAskedBy(String user, String key) {
    client.workTask(user, key, "DiagnoseAndChooseRecovery", Map.of("diagnosis", "Release 7.1 broke the index",
        "recoveryStrategy", "rollback", "targetVersion", "7.0.4", "databaseChanged", false));
    return client.awaitTask("manager", key, "ApproveRollback");
  }

  private String processInstanceOf(String taskId) {
    return client.get("admin", "/engine-rest/task/" + taskId).body().path("processInstanceId").asText();
  }

  private static void assertCamundaRefusal(LifecycleClient.Response response, String what) {
    assertThat(response.status()).as("%s: %s", what, response.body()).isEqualTo(403);
    assertThat(response.body().path("type").asText()).as(what).isEqualTo("AuthorizationException");
  }

  /** Camunda REST's comment resource turns engine exceptions into 400; CommentGuard answers 403 itself. */
  private static void assertCommentRefused(LifecycleClient.Response response, String what) {
    assertThat(response.status()).as("%s: %s", what, response.body()).isEqualTo(403);
    assertThat(response.body().path("message").asText()).as(what)
        .contains("Comments and attachments only on tasks you may work");
  }

  private static void assertProblem(LifecycleClient.Response response, int status, String detail) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("detail").asText()).contains(detail);
  }

  @Test
  void processOwnerReadsButCannotSkipARollbackApprovalNorTouchTheRuntime() {
    String[] incident = triagedIncident("Owner tries a shortcut");
    String approval = rollbackAskedBy("responder", incident[0]);
    String recovery = processInstanceOf(approval);

    Map<String, Object> skipApproval = Map.of("instructions", List.of(
        Map.of("type", "startBeforeActivity", "activityId", "RequestRollback"),
        Map.of("type", "cancel", "activityId", "ApproveRollback")));
    assertCamundaRefusal(client.post("owner", "/engine-rest/process-instance/" + recovery + "/modification",
        skipApproval), "owner skips the approval by modification");
    assertCamundaRefusal(client.put("owner", "/engine-rest/process-instance/" + recovery
        + "/variables/ownerRemark", Map.of("value", "approve", "type", "String")), "owner sets a variable");
    assertCamundaRefusal(client.post("owner", "/engine-rest/task/" + approval + "/claim",
        Map.of("userId", "owner")), "owner claims the approval");
    assertCamundaRefusal(client.post("owner", "/engine-rest/task/" + approval + "/complete",
        Map.of("variables", Map.of())), "owner completes the approval");
    assertCamundaRefusal(client.delete("owner", "/engine-rest/process-instance/" + recovery),
        "owner deletes the instance");
    assertCamundaRefusal(client.post("owner", "/engine-rest/process-definition/key/incident/start",
        Map.of("variables", Map.of())), "owner starts an incident");
    assertCommentRefused(client.post("owner", "/engine-rest/task/" + approval + "/comment/create",
        Map.of("message", "approved, trust me")), "owner comments on the approval");
    assertProblem(client.post("owner", "/api/incidents/" + incident[0] + "/timeline", Map.of("text", "x")), 403,
        "only the people working an incident write on its timeline");

    assertThat(client.get("owner", "/engine-rest/process-definition?key=recovery").body().size()).isPositive();
    assertThat(client.get("owner", "/engine-rest/decision-definition").body().size()).isPositive();
    assertThat(client.get("owner", "/engine-rest/deployment").status()).isEqualTo(200);
    assertThat(client.get("owner", "/engine-rest/history/process-instance?processInstanceId=" + recovery)
        .body().size()).isEqualTo(1);
    assertThat(client.get("manager", "/engine-rest/task/" + approval).status())
        .as("the approval is still there").isEqualTo(200);
  }

  @Test
  void auditorReadsEverythingAndWritesNothing() {
    String[] incident = triagedIncident("Auditor looks");
    String diagnose = client.awaitTask("responder", incident[0], "DiagnoseAndChooseRecovery");

    assertProblem(client.post("auditor", "/api/incidents/" + incident[0] + "/timeline",
        Map.of("text", "I was here")), 403, "Auditors and process owners read incidents");
    assertCommentRefused(client.post("auditor", "/engine-rest/task/" + diagnose + "/comment/create",
        Map.of("message", "audit remark")), "auditor comments on a task");
    assertCamundaRefusal(client.put("auditor", "/engine-rest/process-instance/" + incident[1]
        + "/variables/auditorRemark", Map.of("value", "SEV4", "type", "String")), "auditor sets a variable");
    assertCommentRefused(client.post("comms", "/engine-rest/task/" + diagnose + "/comment/create",
        Map.of("message", "not my task")), "communications comment on a responders' task");

    assertThat(client.get("auditor", "/api/incidents/" + incident[0]).status()).isEqualTo(200);
    assertThat(client.get("auditor", "/engine-rest/history/process-instance?processInstanceId=" + incident[1])
        .body().size()).isEqualTo(1);
    assertThat(client.get("auditor", "/engine-rest/history/user-operation").status()).isEqualTo(200);
    LifecycleClient.Response comment = client.post("responder", "/engine-rest/task/" + diagnose + "/comment/create",
        Map.of("message", "checking the index"));
    assertThat(comment.status()).as("responder comments on their task: %s", comment.body()).isEqualTo(200);
    assertThat(client.post("responder", "/api/incidents/" + incident[0] + "/timeline",
        Map.of("text", "index rebuilt")).status()).isEqualTo(201);
  }

  @Test
  void nobodyChangesOrDeletesTheirOwnAccountThroughCamunda() {
    for (String user : List.of("responder", "manager", "auditor", "owner")) {
      assertCamundaRefusal(client.put(user, "/engine-rest/user/" + user + "/profile", Map.of("id", user,
          "firstName", "Evil", "lastName", "Twin", "email", "attacker@example.com")), user + " edits own profile");
      assertCamundaRefusal(client.delete(user, "/engine-rest/user/" + user), user + " deletes own account");
      assertThat(client.get(user, "/engine-rest/user/" + user + "/profile").body().path("email").asText())
          .isEqualTo(user + "@firebreak.example");
    }
  }

  @Test
  void managersEditPeopleButNotAdministrators() {
    Map<String, Object> admin = new LinkedHashMap<>(Map.of("name", "Ada Admin", "email", "attacker@example.com"));
    assertProblem(client.put("manager", "/api/directory/people/admin", admin), 403,
        "only administrators edit administrators' directory entries");
    assertThat(client.get("admin", "/engine-rest/user/admin/profile").body().path("email").asText())
        .isNotEqualTo("attacker@example.com");

    LifecycleClient.Response newcomer = client.put("manager", "/api/directory/people/newcomer",
        Map.of("name", "Nia Newcomer", "email", "nia@firebreak.example"));
    assertThat(newcomer.status()).as("manager adds a person: %s", newcomer.body()).isEqualTo(200);
    LifecycleClient.Response byAdmin = client.put("admin", "/api/directory/people/admin",
        Map.of("name", "Ada Admin", "email", "admin@firebreak.example"));
    assertThat(byAdmin.status()).as("admin edits admin: %s", byAdmin.body()).isEqualTo(200);
  }

  @Test
  void administratorsChangesByHandAreOnTheIncidentsTimeline() {
    String[] incident = triagedIncident("Admin repairs by hand");
    String diagnose = client.awaitTask("responder", incident[0], "DiagnoseAndChooseRecovery");
    String recovery = processInstanceOf(diagnose);

    assertThat(client.put("admin", "/engine-rest/process-instance/" + incident[1] + "/variables/repairNote",
        Map.of("value", "fixed by hand", "type", "String")).status()).isEqualTo(204);
    assertThat(client.delete("admin", "/engine-rest/process-instance/" + incident[1] + "/variables/repairNote")
        .status()).isEqualTo(204);
    LifecycleClient.Response modified = client.post("admin", "/engine-rest/process-instance/" + recovery
        + "/modification", Map.of("skipCustomListeners", true, "instructions", List.of(
            Map.of("type", "cancel", "activityId", "DiagnoseAndChooseRecovery"),
            Map.of("type", "startBeforeActivity", "activityId", "DiagnoseAndChooseRecovery"))));
    assertThat(modified.status()).as("modification: %s", modified.body()).isEqualTo(204);
    LifecycleClient.Response deleted = client.delete("admin", "/engine-rest/process-instance/" + incident[1]
        + "?skipCustomListeners=true&skipSubprocesses=false");
    assertThat(deleted.status()).as("delete: %s", deleted.body()).isEqualTo(204);
    LifecycleClient.Response history = client.delete("admin", "/engine-rest/history/process-instance/" + incident[1]);
    assertThat(history.status()).as("delete history: %s", history.body()).isEqualTo(204);

    JsonNode timeline = client.get("auditor", "/api/incidents/" + incident[0]).body().path("timeline");
    List<String> byHand = new ArrayList<>();
    for (JsonNode entry : timeline) {
      if ("operation".equals(entry.path("kind").asText())) {
        assertThat(entry.path("actor").asText()).isEqualTo("admin");
        assertThat(entry.path("occurredAt").asText()).isNotBlank();
        byHand.add(entry.path("summary").asText());
      }
    }
    assertThat(byHand).as("one entry per change: %s", byHand).doesNotHaveDuplicates();
    assertThat(byHand).as("timeline: %s", timeline)
        .anyMatch(s -> s.contains("by admin: set variable repairNote"))
        .anyMatch(s -> s.contains("by admin: removed variable repairNote"))
        .anyMatch(s -> s.contains("by admin: modified the process instance (recovery)"))
        .anyMatch(s -> s.contains("by admin: deleted ProcessInstance"))
        .anyMatch(s -> s.contains("by admin: deleted the history of process instance " + incident[1]));
  }

  @Test
  void whoAskedForARollbackCannotApproveIt() {
    String[] incident = triagedIncident("Manager asks and approves");
    String approval = rollbackAskedBy("manager", incident[0]);

    JsonNode form = client.get("manager", "/engine-rest/task/" + approval + "/form-variables").body();
    assertThat(form.path("recoveryRequestedBy").path("value").asText()).isEqualTo("manager");
    LifecycleClient.Response self = client.work("manager", approval, Map.of("rollbackDecision", "approve",
        "rollbackDecisionReason", "I trust myself"));
    assertCamundaRefusal(self, "manager approves own rollback");
    assertThat(self.body().path("message").asText())
        .contains("You asked for this rollback", "another incident manager must approve it");
    assertThat(client.get("manager", "/engine-rest/task/" + approval).status())
        .as("the approval is still open").isEqualTo(200);
  }

  @Test
  void aHotfixsAuthorCannotReviewItButSomeoneElseCan() {
    String[] incident = triagedIncident("Hotfix review");
    client.workTask("manager", incident[0], "DiagnoseAndChooseRecovery", Map.of("diagnosis", "Bad query plan",
        "recoveryStrategy", "hotfix", "hotfixReference", "PR-4711", "databaseChanged", false));
    String review = client.awaitTask("responder", incident[0], "ExpeditedCodeReview");

    LifecycleClient.Response self = client.work("manager", review, Map.of("reviewDecision", "approve",
        "reviewNotes", "Looks good to me"));
    assertCamundaRefusal(self, "author reviews own hotfix");
    assertThat(self.body().path("message").asText()).contains("You put this hotfix forward");
    assertThat(client.post("manager", "/engine-rest/task/" + review + "/unclaim", null).status()).isEqualTo(204);
    LifecycleClient.Response other = client.work("responder", review, Map.of("reviewDecision", "approve",
        "reviewNotes", "Reviewed the query change"));
    assertThat(other.status()).as("another responder reviews: %s", other.body()).isEqualTo(204);
  }
}
