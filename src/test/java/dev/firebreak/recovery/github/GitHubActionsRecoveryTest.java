package dev.firebreak.recovery.github;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.firebreak.recovery.DeployToolTestSupport;
import dev.firebreak.recovery.DeploymentOutcome;
import dev.firebreak.recovery.Deployments;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * recovery.bpmn with the real GitHub Actions adapter against WireMock answering GitHub's REST shapes
 * (workflow dispatch with and without return_run_details, workflow runs), and the signed workflow_run
 * webhook. Service "search" deploys through github.example/shop/search.
 */
@DirtiesContext
class GitHubActionsRecoveryTest extends DeployToolTestSupport {

  static final WireMockServer GITHUB = fakeTool();
  static final String SECRET = "github-secret";
  static final String DISPATCH = "/repos/shop/search/actions/workflows/%s/dispatches";

  @DynamicPropertySource
  static void github(DynamicPropertyRegistry registry) {
    registry.add("firebreak.services.search.deploy.github.api-url", GITHUB::baseUrl);
    registry.add("firebreak.services.search.deploy.github.repository", () -> "shop/search");
    registry.add("firebreak.services.search.deploy.github.token", () -> "gh-token");
    registry.add("firebreak.recovery.github-webhook-secret", () -> SECRET);
  }

  @AfterAll
  static void stop() {
    GITHUB.stop();
  }

  @Override
  protected WireMockServer tool() {
    return GITHUB;
  }

  ProcessInstance acknowledged() {
    return acknowledged("Search returns 500", "search");
  }

  ProcessInstance atRollback() {
    ProcessInstance incident = acknowledged();
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars("diagnosis", "Release 7.3 broke search",
        "recoveryStrategy", "rollback", "targetVersion", "7.2.1", "databaseChanged", false));
    return incident;
  }

  static String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  static String workflowRun(long id, String title, String status, String conclusion) {
    return """
        {"id": %d, "name": "Rollback", "display_title": "%s", "event": "workflow_dispatch", "status": "%s",
         "conclusion": %s, "html_url": "https://github.com/shop/search/actions/runs/%d",
         "created_at": "2026-12-01T14:30:00Z", "run_started_at": "2026-12-01T14:30:02Z"}"""
        .formatted(id, title, status, conclusion == null ? "null" : "\"" + conclusion + "\"", id);
  }

  ResultActions webhook(String delivery, String body, String signature) throws Exception {
    return mvc.perform(MockMvcRequestBuilders.post("/api/deployments/github").header("X-GitHub-Event", "workflow_run")
        .header("X-GitHub-Delivery", delivery).header("X-Hub-Signature-256", signature)
        .contentType(MediaType.APPLICATION_JSON).content(body));
  }

  @Test
  void aReviewedHotfixIsDispatchedWithRunDetailsAndTheSignedWebhookGoesOnToVerify() throws Exception {
    GITHUB.stubFor(post(urlEqualTo(DISPATCH.formatted("hotfix.yml"))).willReturn(okJson("""
        {"workflow_run_id": 987654, "run_url": "https://api.github.com/repos/shop/search/actions/runs/987654",
         "html_url": "https://github.com/shop/search/actions/runs/987654"}""")));
    ProcessInstance incident = acknowledged();
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars("diagnosis", "Null check missing",
        "recoveryStrategy", "hotfix", "hotfixReference", "hotfix/7.3.1"));
    complete(incident, "ExpeditedCodeReview", "manager", MANAGERS, vars("reviewDecision", "approve",
        "reviewNotes", "Small and tested"));

    GITHUB.verify(1, postRequestedFor(urlEqualTo(DISPATCH.formatted("hotfix.yml")))
        .withHeader("Authorization", equalTo("Bearer gh-token"))
        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
        .withRequestBody(matchingJsonPath("$.ref", equalTo("main")))
        .withRequestBody(matchingJsonPath("$.return_run_details", equalTo("true")))
        .withRequestBody(matchingJsonPath("$.inputs.incident", equalTo(key(incident))))
        .withRequestBody(matchingJsonPath("$.inputs.service", equalTo("search")))
        .withRequestBody(matchingJsonPath("$.inputs.version", equalTo("hotfix/7.3.1")))
        .withRequestBody(matchingJsonPath("$.inputs.request_id")));
    assertThat(deployments.ofIncident(key(incident)).get(0).reference()).isEqualTo("987654");

    String body = "{\"action\": \"completed\", \"workflow_run\": " + workflowRun(987654, "Hotfix search", "completed", "success")
        + ", \"repository\": {\"full_name\": \"shop/search\"}}";
    webhook("d-1", body, "sha256=" + "0".repeat(64)).andExpect(status().isUnauthorized());
    assertThat(hasTask(incident, "VerifyRecovery")).as("an unsigned webhook changes nothing").isFalse();
    webhook("d-1", body, sign(body)).andExpect(status().isOk()).andExpect(jsonPath("$.result").value("handled"));
    webhook("d-1", body, sign(body)).andExpect(status().isOk()).andExpect(jsonPath("$.result").value("repeated"));
    runDueJobs(incident);

    assertThat(hasTask(incident, "VerifyRecovery")).isTrue();
    assertThat(deployments.ofIncident(key(incident)).get(0).outcome()).isEqualTo(DeploymentOutcome.SUCCEEDED);
  }

  @Test
  void aServerRefusingRunDetailsIsAskedAgainAndThePollFindsTheRunByItsRequestId() {
    GITHUB.stubFor(post(urlEqualTo(DISPATCH.formatted("rollback.yml")))
        .withRequestBody(matchingJsonPath("$.return_run_details"))
        .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody(
            "{\"message\": \"Invalid request.\\n\\n\\\"return_run_details\\\" is not a permitted key.\", "
                + "\"documentation_url\": \"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\", \"status\": \"422\"}")));
    GITHUB.stubFor(post(urlEqualTo(DISPATCH.formatted("rollback.yml")))
        .withRequestBody(notContaining("return_run_details")).willReturn(aResponse().withStatus(204)));
    ProcessInstance incident = atRollback();
    complete(incident, "ApproveRollback", "manager", MANAGERS, vars("rollbackDecision", "approve",
        "rollbackDecisionReason", "7.3 is the cause"));
    GITHUB.verify(2, postRequestedFor(urlEqualTo(DISPATCH.formatted("rollback.yml"))));
    Deployments.Deployment row = deployments.ofIncident(key(incident)).get(0);
    assertThat(row.reference()).isEqualTo("request:" + row.requestId());

    GITHUB.stubFor(get(urlPathEqualTo("/repos/shop/search/actions/workflows/rollback.yml/runs"))
        .withQueryParam("event", equalTo("workflow_dispatch")).willReturn(okJson("{\"total_count\": 2, \"workflow_runs\": ["
            + workflowRun(111, "Rollback search (someone else)", "completed", "success") + ","
            + workflowRun(222, "Rollback search to 7.2.1 [" + row.requestId() + "]", "completed", "failure") + "]}")));
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(61)));
    runDueJobs(incident);

    assertThat(hasTask(incident, "DiagnoseAndChooseRecovery")).as("its own run failed: back to diagnosis").isTrue();
    assertThat(incidents.timeline(key(incident))).anySatisfy(entry ->
        assertThat(entry.summary()).contains("actions/runs/222 concluded failure"));
  }

  @Test
  void aRetriedRequestJobNeverDispatchesTwice() {
    GITHUB.stubFor(post(urlEqualTo(DISPATCH.formatted("rollback.yml"))).willReturn(aResponse().withStatus(502)));
    ProcessInstance incident = atRollback();
    completeOnly(incident, "ApproveRollback", "manager", MANAGERS, vars("rollbackDecision", "approve",
        "rollbackDecisionReason", "7.3 is the cause"));
    Job request = jobAt(incident, "RequestRollback");
    assertThatThrownBy(() -> engine.getManagementService().executeJob(request.getId()));
    // GitHub had accepted the dispatch all the same: its run carries the request id
    String requestId = deployments.ofIncident(key(incident)).get(0).requestId();
    GITHUB.stubFor(get(urlPathEqualTo("/repos/shop/search/actions/workflows/rollback.yml/runs")).willReturn(okJson(
        "{\"total_count\": 1, \"workflow_runs\": [" + workflowRun(333, "Rollback [" + requestId + "]", "in_progress", null) + "]}")));

    engine.getManagementService().executeJob(request.getId());

    GITHUB.verify(1, postRequestedFor(urlEqualTo(DISPATCH.formatted("rollback.yml"))));
    assertThat(deployments.ofIncident(key(incident)).get(0).reference()).isEqualTo("333");
  }

  static final String HEAD_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

  /** A pull request as GET /repos/{o}/{r}/pulls answers it (the fields Firebreak reads, and some around them). */
  static final String PULL = """
      {"url": "https://api.github.com/repos/shop/search/pulls/512", "id": 1296269, "number": 512, "state": "open",
       "title": "Fix null check in search ranking", "user": {"login": "octocat", "id": 1, "type": "User"},
       "html_url": "https://github.com/shop/search/pull/512", "draft": false,
       "head": {"label": "shop:hotfix/7.3.1", "ref": "hotfix/7.3.1", "sha": "%s"},
       "base": {"label": "shop:main", "ref": "main", "sha": "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"}}""".formatted(HEAD_SHA);

  static final String CHECK_RUNS = """
      {"total_count": 2, "check_runs": [
        {"id": 4, "head_sha": "%1$s", "name": "build", "status": "completed", "conclusion": "success",
         "html_url": "https://github.com/shop/search/runs/4", "started_at": "2026-12-01T14:10:00Z",
         "completed_at": "2026-12-01T14:14:00Z", "app": {"slug": "github-actions"}},
        {"id": 5, "head_sha": "%1$s", "name": "e2e", "status": "in_progress", "conclusion": null,
         "html_url": "https://github.com/shop/search/runs/5", "started_at": "2026-12-01T14:14:00Z",
         "completed_at": null, "app": {"slug": "github-actions"}}]}""".formatted(HEAD_SHA);

  Object variable(ProcessInstance incident, String task, String name) {
    return engine.getTaskService().getVariable(task(incident, task).getId(), name);
  }

  @Test
  void expeditedCodeReviewShowsThePullRequestOfTheHotfixBranchAndItsChecks() {
    GITHUB.stubFor(get(urlPathEqualTo("/repos/shop/search/pulls")).withQueryParam("head", equalTo("shop:hotfix/7.3.1"))
        .withQueryParam("state", equalTo("all")).willReturn(okJson("[" + PULL + "]")));
    GITHUB.stubFor(get(urlPathEqualTo("/repos/shop/search/commits/" + HEAD_SHA + "/check-runs"))
        .willReturn(okJson(CHECK_RUNS)));
    ProcessInstance incident = acknowledged();
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars("diagnosis", "Null check missing",
        "recoveryStrategy", "hotfix", "hotfixReference", "hotfix/7.3.1"));

    assertThat((String) variable(incident, "ExpeditedCodeReview", "hotfixPullRequest"))
        .contains("#512", "Fix null check in search ranking", "octocat", "https://github.com/shop/search/pull/512", HEAD_SHA);
    assertThat(variable(incident, "ExpeditedCodeReview", "hotfixChecks"))
        .isEqualTo("build: completed, success\ne2e: in_progress");
    GITHUB.verify(getRequestedFor(urlPathEqualTo("/repos/shop/search/pulls"))
        .withHeader("Authorization", equalTo("Bearer gh-token")).withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
  }

  @Test
  void aPullRequestLinkIsReadByItsNumber() {
    GITHUB.stubFor(get(urlEqualTo("/repos/shop/search/pulls/512")).willReturn(okJson(PULL)));
    GITHUB.stubFor(get(urlPathEqualTo("/repos/shop/search/commits/" + HEAD_SHA + "/check-runs"))
        .willReturn(okJson(CHECK_RUNS)));
    ProcessInstance incident = acknowledged();
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars("diagnosis", "Null check missing",
        "recoveryStrategy", "hotfix", "hotfixReference", "https://github.com/shop/search/pull/512"));

    assertThat((String) variable(incident, "ExpeditedCodeReview", "hotfixPullRequest")).contains("#512", HEAD_SHA);
  }

  @Test
  void aFailingGitHubReadLeavesANoteAndNeverBlocksTheReview() {
    GITHUB.stubFor(get(urlEqualTo("/repos/shop/search/pulls/512")).willReturn(aResponse().withStatus(502)
        .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Server Error\"}")));
    GITHUB.stubFor(post(urlEqualTo(DISPATCH.formatted("hotfix.yml"))).willReturn(okJson(
        "{\"workflow_run_id\": 42, \"html_url\": \"https://github.com/shop/search/actions/runs/42\"}")));
    ProcessInstance incident = acknowledged();
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars("diagnosis", "Null check missing",
        "recoveryStrategy", "hotfix", "hotfixReference", "#512"));

    assertThat((String) variable(incident, "ExpeditedCodeReview", "hotfixPullRequest"))
        .startsWith("Could not read the pull request of #512 from GitHub").contains("Server Error");
    assertThat(variable(incident, "ExpeditedCodeReview", "hotfixChecks")).isNull();
    complete(incident, "ExpeditedCodeReview", "manager", MANAGERS, vars("reviewDecision", "approve",
        "reviewNotes", "Read on GitHub: small and tested"));
    GITHUB.verify(1, postRequestedFor(urlEqualTo(DISPATCH.formatted("hotfix.yml"))));
  }
}
