package dev.firebreak.recovery.argocd;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.firebreak.recovery.DeployToolTestSupport;
import dev.firebreak.recovery.DeploymentOutcome;
import dev.firebreak.recovery.Deployments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * recovery.bpmn with the real Argo CD adapter against WireMock answering Argo CD's REST shapes
 * (Application with status.history, operationState, health; the gRPC-gateway error for a rollback under
 * auto-sync), the Notifications callback and the polling backstop on the engine clock.
 * payments rolls back by default policy (revert in Git); checkout is configured to switch auto-sync off.
 */
@DirtiesContext
class ArgoCdRecoveryTest extends DeployToolTestSupport {

  static final WireMockServer ARGOCD = fakeTool();
  static final String SECRET = "argocd-secret";

  @DynamicPropertySource
  static void argocd(DynamicPropertyRegistry registry) {
    registry.add("firebreak.services.payments.deploy.argocd.server", ARGOCD::baseUrl);
    registry.add("firebreak.services.payments.deploy.argocd.application", () -> "payments");
    registry.add("firebreak.services.payments.deploy.argocd.project", () -> "shop");
    registry.add("firebreak.services.payments.deploy.argocd.token", () -> "argocd-token");
    registry.add("firebreak.services.checkout.deploy.argocd.server", ARGOCD::baseUrl);
    registry.add("firebreak.services.checkout.deploy.argocd.application", () -> "checkout");
    registry.add("firebreak.services.checkout.deploy.argocd.token", () -> "argocd-token");
    registry.add("firebreak.services.checkout.deploy.argocd.auto-sync", () -> "disable-auto-sync");
    registry.add("firebreak.recovery.argocd-webhook-secret", () -> SECRET);
  }

  @AfterAll
  static void stop() {
    ARGOCD.stop();
  }

  @Override
  protected WireMockServer tool() {
    return ARGOCD;
  }

  /** An Argo CD Application as GET /api/v1/applications/{name} answers it. */
  static String application(String name, String automated, String operationState, String health, String ownerReferences) {
    return """
        {"metadata": {"name": "%s", "namespace": "argocd", "ownerReferences": %s},
         "spec": {"project": "shop", "source": {"repoURL": "https://git.example/shop/deploy.git", "path": "payments", "targetRevision": "HEAD"},
                  "syncPolicy": {%s}},
         "status": {
           "sync": {"status": "Synced", "revision": "c3c3c3c"},
           "health": {"status": "%s", "message": "Deployment payments exceeded its progress deadline"},
           "history": [
             {"id": 1, "revision": "a1a1a1a", "deployedAt": "2026-11-28T10:00:00Z", "source": {"targetRevision": "4.1.2"}},
             {"id": 2, "revision": "b2b2b2b", "deployedAt": "2026-11-30T10:00:00Z", "source": {"targetRevision": "4.1.3"}},
             {"id": 3, "revision": "c3c3c3c", "deployedAt": "2026-12-01T09:00:00Z", "source": {"targetRevision": "4.2.0"}}
           ],
           "operationState": %s}}""".formatted(name, ownerReferences, automated, health, operationState);
  }

  static String operation(String phase, Instant startedAt, String revision, String message) {
    return """
        {"operation": {"sync": {"revision": "%s"}, "initiatedBy": {"username": "firebreak"}},
         "phase": "%s", "message": "%s", "startedAt": "%s", "syncResult": {"revision": "%s"}}"""
        .formatted(revision, phase, message, startedAt.truncatedTo(ChronoUnit.SECONDS), revision);
  }

  static final String OLD_OPERATION = operation("Succeeded", Instant.parse("2026-12-01T09:00:00Z"), "c3c3c3c", "successfully synced");

  ProcessInstance incidentAtRollback(String service, boolean databaseChanged) {
    ProcessInstance instance = acknowledged("Errors after release 4.2.0", service);
    complete(instance, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Release 4.2.0 broke payments", "recoveryStrategy", "rollback",
        "targetVersion", "last stable", "databaseChanged", databaseChanged));
    return instance;
  }

  void approve(ProcessInstance incident) {
    complete(incident, "ApproveRollback", "manager", MANAGERS, vars("rollbackDecision", "approve",
        "rollbackDecisionReason", "Last release is the cause"));
  }

  void callback(String body) throws Exception {
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/deployments/argocd").header("X-Firebreak-Webhook-Secret", SECRET)
        .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
  }

  @Test
  void rollsBackToTheLastHealthyOtherRevisionAndTheCallbackGoesOnToVerify() throws Exception {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments"))
        .willReturn(okJson(application("payments", "", OLD_OPERATION, "Degraded", "[]"))));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/payments/rollback"))
        .willReturn(okJson(application("payments", "", OLD_OPERATION, "Progressing", "[]"))));
    ProcessInstance incident = incidentAtRollback("payments", false);
    approve(incident);

    ARGOCD.verify(1, postRequestedFor(urlEqualTo("/api/v1/applications/payments/rollback"))
        .withHeader("Authorization", equalTo("Bearer argocd-token"))
        .withRequestBody(matchingJsonPath("$.id", equalTo("2")))
        .withRequestBody(matchingJsonPath("$.project", equalTo("shop")))
        .withRequestBody(matchingJsonPath("$.prune", equalTo("false"))));
    assertThat(hasTask(incident, "ConfirmDeployment")).as("Argo CD reports back: nobody confirms by hand").isFalse();
    assertThat(hasTask(incident, "VerifyRecovery")).isFalse();

    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String deployed = """
        {"app": "payments", "trigger": "on-deployed", "revision": "b2b2b2b", "phase": "Succeeded",
         "health": "Healthy", "message": "successfully synced (all tasks run)", "startedAt": "%s"}""".formatted(started);
    callback(deployed);
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/deployments/argocd").header("X-Firebreak-Webhook-Secret", SECRET)
            .contentType(MediaType.APPLICATION_JSON).content(deployed))
        .andExpect(status().isOk()).andExpect(jsonPath("$.result").value("repeated"));
    runDueJobs(incident);

    assertThat(hasTask(incident, "VerifyRecovery")).as("success goes on to Verify recovery").isTrue();
    List<Deployments.Deployment> rows = deployments.ofIncident(key(incident));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.tool()).isEqualTo("argocd");
      assertThat(row.revision()).isEqualTo("b2b2b2b");
      assertThat(row.outcome()).isEqualTo(DeploymentOutcome.SUCCEEDED);
      assertThat(row.requestedAt()).isNotNull();
      assertThat(row.finishedAt()).isNotNull();
    });
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key(incident))
        .taskDefinitionKey("RevertAndReenableAutoSync").list())
        .as("after any rollback: revert the bad change and re-enable auto-sync, beside the incident").hasSize(1);
  }

  @Test
  void thePollFindsTheOutcomeWhenNoCallbackComes() {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments"))
        .willReturn(okJson(application("payments", "", OLD_OPERATION, "Degraded", "[]"))));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/payments/rollback")).willReturn(okJson("{}")));
    ProcessInstance incident = incidentAtRollback("payments", false);
    approve(incident);
    Instant requested = ClockUtil.getCurrentTime().toInstant();

    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments")).willReturn(okJson(application("payments", "",
        operation("Succeeded", requested.plusSeconds(5), "b2b2b2b", "successfully synced"), "Healthy", "[]"))));
    ClockUtil.setCurrentTime(Date.from(requested.plusSeconds(61)));
    runDueJobs(incident);

    assertThat(hasTask(incident, "VerifyRecovery")).as("the poll saw Succeeded and Healthy").isTrue();
    assertThat(deployments.ofIncident(key(incident)).get(0).outcome()).isEqualTo(DeploymentOutcome.SUCCEEDED);
  }

  @Test
  void aDeploymentWithoutOutcomeTimesOutBackToDiagnosisWithTheToolsMessage() {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments"))
        .willReturn(okJson(application("payments", "", OLD_OPERATION, "Degraded", "[]"))));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/payments/rollback")).willReturn(okJson("{}")));
    ProcessInstance incident = incidentAtRollback("payments", false);
    approve(incident);
    Instant requested = ClockUtil.getCurrentTime().toInstant();
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments")).willReturn(okJson(application("payments", "",
        operation("Running", requested.plusSeconds(5), "b2b2b2b", "waiting for healthy state"), "Progressing", "[]"))));

    ClockUtil.setCurrentTime(Date.from(requested.plusSeconds(61)));
    runDueJobs(incident);
    assertThat(hasTask(incident, "DiagnoseAndChooseRecovery")).as("still running: keep waiting").isFalse();

    ClockUtil.setCurrentTime(Date.from(requested.plus(31, ChronoUnit.MINUTES)));
    runDueJobs(incident);
    assertThat(hasTask(incident, "DiagnoseAndChooseRecovery")).as("timed out: back to diagnosis").isTrue();
    assertThat(deployments.ofIncident(key(incident)).get(0).outcome()).isEqualTo(DeploymentOutcome.FAILED);
    assertThat(incidents.timeline(key(incident))).anySatisfy(entry ->
        assertThat(entry.summary()).contains("Deployment by argocd failed").contains("no outcome from argocd within 30 min"));
  }

  @Test
  void aFailedSyncCallbackGoesBackToDiagnosisWithArgoCdsMessage() throws Exception {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments"))
        .willReturn(okJson(application("payments", "", OLD_OPERATION, "Degraded", "[]"))));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/payments/rollback")).willReturn(okJson("{}")));
    ProcessInstance incident = incidentAtRollback("payments", false);
    approve(incident);
    callback("""
        {"app": "payments", "trigger": "on-sync-failed", "revision": "b2b2b2b", "phase": "Failed",
         "health": "Degraded", "message": "one or more objects failed to apply: admission webhook denied", "startedAt": "%s"}"""
        .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    runDueJobs(incident);
    assertThat(hasTask(incident, "DiagnoseAndChooseRecovery")).isTrue();
    assertThat(incidents.timeline(key(incident))).anySatisfy(entry ->
        assertThat(entry.summary()).contains("admission webhook denied"));
  }

  @Test
  void underAutoSyncAPersonRevertsInGitByDefault() {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments"))
        .willReturn(okJson(application("payments", "\"automated\": {\"prune\": true, \"selfHeal\": true}", OLD_OPERATION,
            "Degraded", "[{\"apiVersion\": \"argoproj.io/v1alpha1\", \"kind\": \"ApplicationSet\", \"name\": \"shop-services\"}]"))));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/payments/rollback")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\": \"rollback cannot be initiated when auto-sync is enabled\", \"code\": 9, "
            + "\"message\": \"rollback cannot be initiated when auto-sync is enabled\"}")));
    ProcessInstance incident = incidentAtRollback("payments", false);
    approve(incident);

    var revert = task(incident, "RevertInGit");
    assertThat(engine.getTaskService().getVariable(revert.getId(), "deploymentRevision")).isEqualTo("b2b2b2b");
    assertThat((String) engine.getTaskService().getVariable(revert.getId(), "deploymentInstructions"))
        .contains("auto-sync is enabled").contains("ApplicationSet shop-services");
    ARGOCD.verify(0, patchRequestedFor(urlPathEqualTo("/api/v1/applications/payments")));
  }

  @Test
  void configuredToSwitchAutoSyncOffItDoesSoRemembersThePolicyAndRollsBack() {
    String automated = "\"automated\": {\"prune\": true, \"selfHeal\": true}";
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/checkout"))
        .willReturn(okJson(application("checkout", automated, OLD_OPERATION, "Degraded", "[]"))));
    ARGOCD.stubFor(get(urlEqualTo("/api/version")).willReturn(okJson("{\"Version\": \"v3.1.5+cfeed49\"}")));
    ARGOCD.stubFor(patch(urlPathEqualTo("/api/v1/applications/checkout")).willReturn(okJson("{}")));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/checkout/rollback")).inScenario("auto-sync")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\": \"rollback cannot be initiated when auto-sync is enabled\", \"code\": 9, "
                + "\"message\": \"rollback cannot be initiated when auto-sync is enabled\"}"))
        .willSetStateTo("off"));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/checkout/rollback")).inScenario("auto-sync")
        .whenScenarioStateIs("off").willReturn(okJson("{}")));
    ProcessInstance incident = incidentAtRollback("checkout", false);
    approve(incident);

    ARGOCD.verify(1, patchRequestedFor(urlPathEqualTo("/api/v1/applications/checkout"))
        .withRequestBody(matchingJsonPath("$.patchType", equalTo("merge")))
        .withRequestBody(matchingJsonPath("$.patch", equalTo("{\"spec\":{\"syncPolicy\":{\"automated\":{\"enabled\":false}}}}"))));
    ARGOCD.verify(2, postRequestedFor(urlEqualTo("/api/v1/applications/checkout/rollback")));
    assertThat(hasTask(incident, "RevertInGit")).isFalse();
    Deployments.Deployment row = deployments.ofIncident(key(incident)).get(0);
    assertThat(row.previousSyncPolicy()).isEqualTo("{\"prune\":true,\"selfHeal\":true}");
    assertThat(row.followUp()).contains("re-enable auto-sync").contains("{\"prune\":true,\"selfHeal\":true}");
  }

  @Test
  void olderArgoCdLosesTheAutomatedBlockInstead() {
    assertThat(ArgoCdDeployTool.enabledFieldKnown("v3.1.0+8ab3e4b")).isTrue();
    assertThat(ArgoCdDeployTool.enabledFieldKnown("v3.0.12+d4e5f6")).isFalse();
    assertThat(ArgoCdDeployTool.enabledFieldKnown("v2.14.9")).isFalse();
    assertThat(ArgoCdDeployTool.enabledFieldKnown("v4.0.0")).isTrue();
  }

  @Test
  void aRetriedRequestJobNeverRollsBackTwice() {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments"))
        .willReturn(okJson(application("payments", "", OLD_OPERATION, "Degraded", "[]"))));
    // Argo CD took the rollback, but the answer was lost on the way back
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/payments/rollback")).willReturn(aResponse().withStatus(504)));
    ProcessInstance incident = incidentAtRollback("payments", false);
    Instant approvedAt = ClockUtil.getCurrentTime().toInstant();
    completeOnly(incident, "ApproveRollback", "manager", MANAGERS, vars("rollbackDecision", "approve",
        "rollbackDecisionReason", "Last release is the cause"));
    Job request = jobAt(incident, "RequestRollback");
    assertThatThrownBy(() -> engine.getManagementService().executeJob(request.getId()));
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments")).willReturn(okJson(application("payments", "",
        operation("Running", approvedAt.plusSeconds(1), "b2b2b2b", "rollback running"), "Progressing", "[]"))));

    engine.getManagementService().executeJob(request.getId());

    ARGOCD.verify(1, postRequestedFor(urlEqualTo("/api/v1/applications/payments/rollback")));
    assertThat(deployments.ofIncident(key(incident))).singleElement()
        .satisfies(row -> assertThat(row.attempts()).isEqualTo(2));
  }

  // --- Argo Rollouts: abort the canary (the fast mitigation) ---

  static final String ROLLOUT = """
      {"group": "argoproj.io", "version": "v1alpha1", "kind": "Rollout", "namespace": "shop", "name": "payments",
       "status": "Synced", "health": {"status": "Paused", "message": "CanaryPauseStep"}}""";
  static final String SERVICE = """
      {"version": "v1", "kind": "Service", "namespace": "shop", "name": "payments", "status": "Synced",
       "health": {"status": "Healthy"}}""";

  /** The application with {@code status.resources} as Argo CD lists its managed resources. */
  static String withResources(String application, String... resources) {
    return application.replaceFirst("\"status\": \\{", "\"status\": {\"resources\": [" + String.join(",", resources) + "],");
  }

  static String actions(boolean abortDisabled) {
    return """
        {"actions": [{"name": "restart", "disabled": false}, {"name": "resume", "disabled": false},
         {"name": "abort", "disabled": %s}, {"name": "retry", "disabled": %s}, {"name": "pause", "disabled": true},
         {"name": "promote-full", "disabled": false}]}""".formatted(abortDisabled, !abortDisabled);
  }

  ProcessInstance atDiagnosisWithRollout(String argoVersion) {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments")).willReturn(okJson(
        withResources(application("payments", "", OLD_OPERATION, "Degraded", "[]"), SERVICE, ROLLOUT))));
    ARGOCD.stubFor(get(urlEqualTo("/api/version")).willReturn(okJson("{\"Version\": \"" + argoVersion + "\"}")));
    return acknowledged("Error rate up during canary 4.2.0", "payments");
  }

  @SuppressWarnings("unchecked")
  List<String> offered(ProcessInstance incident) {
    var task = task(incident, "DiagnoseAndChooseRecovery");
    Object options = engine.getTaskService().getVariable(task.getId(), "recoveryStrategyOptions");
    return org.camunda.spin.Spin.JSON(options.toString()).elements().stream()
        .map(option -> option.prop("value").stringValue()).toList();
  }

  @Test
  void aRolloutIsOfferedAsCanaryAbortWhichArgoCdRunsAsTheAbortActionThenVerify() throws Exception {
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/payments/resource/actions/v2")).willReturn(okJson("{}")));
    ProcessInstance incident = atDiagnosisWithRollout("v3.1.5+cfeed49");
    assertThat(offered(incident)).containsExactly("rollback", "hotfix", "failover", "fix-in-place", "abort-canary");
    var diagnose = task(incident, "DiagnoseAndChooseRecovery");
    assertThat(engine.getTaskService().getVariable(diagnose.getId(), "canaryRollout")).isEqualTo("shop/payments");

    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Canary 4.2.0 fails 20% of payments", "recoveryStrategy", "abort-canary"));

    ARGOCD.verify(1, postRequestedFor(urlEqualTo("/api/v1/applications/payments/resource/actions/v2"))
        .withHeader("Authorization", equalTo("Bearer argocd-token"))
        .withRequestBody(equalToJson("""
            {"name": "payments", "namespace": "shop", "resourceName": "payments", "version": "v1alpha1",
             "group": "argoproj.io", "kind": "Rollout", "action": "abort", "project": "shop"}""")));
    ARGOCD.verify(0, postRequestedFor(urlEqualTo("/api/v1/applications/payments/rollback")));
    assertThat(hasTask(incident, "ApproveRollback")).as("the fast mitigation needs no approval").isFalse();
    assertThat(hasTask(incident, "VerifyRecovery")).as("aborted: on to Verify recovery").isTrue();
    assertThat(deployments.ofIncident(key(incident))).singleElement().satisfies(row -> {
      assertThat(row.action()).isEqualTo("abort-canary");
      assertThat(row.version()).isEqualTo("shop/payments");
      assertThat(row.outcome()).isEqualTo(DeploymentOutcome.SUCCEEDED);
      assertThat(row.finishedAt()).isNotNull();
    });
    assertThat(incidents.timeline(key(incident))).anySatisfy(entry -> assertThat(entry.summary())
        .contains("Deployment by argocd succeeded").contains("aborted the canary of Rollout shop/payments"));
  }

  @Test
  void olderArgoCdGetsTheV1ResourceActionWithTheResourceInTheQuery() {
    ARGOCD.stubFor(post(urlPathEqualTo("/api/v1/applications/payments/resource/actions")).willReturn(okJson("{}")));
    ProcessInstance incident = atDiagnosisWithRollout("v2.14.9+a1b2c3d");
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Canary 4.2.0 fails", "recoveryStrategy", "abort-canary"));

    ARGOCD.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/applications/payments/resource/actions"))
        .withQueryParam("namespace", equalTo("shop")).withQueryParam("resourceName", equalTo("payments"))
        .withQueryParam("version", equalTo("v1alpha1")).withQueryParam("group", equalTo("argoproj.io"))
        .withQueryParam("kind", equalTo("Rollout")).withQueryParam("project", equalTo("shop"))
        .withRequestBody(equalTo("\"abort\"")));
    ARGOCD.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/applications/payments/resource/actions/v2")));
    assertThat(hasTask(incident, "VerifyRecovery")).isTrue();
  }

  @Test
  void aRetriedAbortJobNeverAbortsTwice() {
    // Argo CD ran the abort, but its answer was lost on the way back
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/payments/resource/actions/v2")).willReturn(aResponse().withStatus(504)));
    ProcessInstance incident = atDiagnosisWithRollout("v3.1.5+cfeed49");
    completeOnly(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Canary 4.2.0 fails", "recoveryStrategy", "abort-canary"));
    Job abort = jobAt(incident, "AbortCanary");
    assertThatThrownBy(() -> engine.getManagementService().executeJob(abort.getId()));
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments/resource/actions"))
        .withQueryParam("kind", equalTo("Rollout")).willReturn(okJson(actions(true))));

    engine.getManagementService().executeJob(abort.getId());
    runDueJobs(incident);

    ARGOCD.verify(1, postRequestedFor(urlEqualTo("/api/v1/applications/payments/resource/actions/v2")));
    assertThat(hasTask(incident, "VerifyRecovery")).isTrue();
    assertThat(deployments.ofIncident(key(incident))).singleElement().satisfies(row -> {
      assertThat(row.attempts()).isEqualTo(2);
      assertThat(row.outcome()).isEqualTo(DeploymentOutcome.SUCCEEDED);
    });
  }

  @Test
  void withoutARolloutNoCanaryAbortIsOffered() {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments")).willReturn(okJson(
        withResources(application("payments", "", OLD_OPERATION, "Degraded", "[]"), SERVICE))));
    ProcessInstance incident = acknowledged("Errors after release 4.2.0", "payments");
    assertThat(offered(incident)).containsExactly("rollback", "hotfix", "failover", "fix-in-place");
    assertThat(engine.getTaskService().getVariable(task(incident, "DiagnoseAndChooseRecovery").getId(), "canaryRollout"))
        .isNull();
  }

  @Test
  void anUnreadableArgoCdNeverBlocksDiagnosis() {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments")).willReturn(aResponse().withStatus(503)));
    ProcessInstance incident = acknowledged("Errors after release 4.2.0", "payments");
    assertThat(offered(incident)).containsExactly("rollback", "hotfix", "failover", "fix-in-place");
  }

  @Test
  void anArgoCdThatHangsIsGivenUpWithinSecondsAndTheTaskIsThere() {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/payments")).willReturn(okJson(
        withResources(application("payments", "", OLD_OPERATION, "Degraded", "[]"), ROLLOUT)).withFixedDelay(20_000)));
    long started = System.nanoTime();
    ProcessInstance incident = acknowledged("Errors after release 4.2.0", "payments");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(18));
    assertThat(offered(incident)).doesNotContain("abort-canary");
  }

  // --- switching auto-sync off and on again, by Argo CD version ---

  static final String AUTOMATED = "\"automated\": {\"prune\": true, \"selfHeal\": true}";

  /** checkout under auto-sync on Argo CD {@code version}: refused once, then rolled back; the callback finishes it. */
  ProcessInstance rolledBackWithAutoSyncOff(String version) throws Exception {
    ARGOCD.stubFor(get(urlPathEqualTo("/api/v1/applications/checkout"))
        .willReturn(okJson(application("checkout", AUTOMATED, OLD_OPERATION, "Degraded", "[]"))));
    ARGOCD.stubFor(get(urlEqualTo("/api/version")).willReturn(okJson("{\"Version\": \"" + version + "\"}")));
    ARGOCD.stubFor(patch(urlPathEqualTo("/api/v1/applications/checkout")).willReturn(okJson("{}")));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/checkout/rollback")).inScenario("auto-sync")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\": \"rollback cannot be initiated when auto-sync is enabled\", \"code\": 9, "
                + "\"message\": \"rollback cannot be initiated when auto-sync is enabled\"}"))
        .willSetStateTo("off"));
    ARGOCD.stubFor(post(urlEqualTo("/api/v1/applications/checkout/rollback")).inScenario("auto-sync")
        .whenScenarioStateIs("off").willReturn(okJson("{}")));
    ProcessInstance incident = incidentAtRollback("checkout", false);
    approve(incident);
    callback("""
        {"app": "checkout", "trigger": "on-deployed", "revision": "b2b2b2b", "phase": "Succeeded",
         "health": "Healthy", "message": "successfully synced", "startedAt": "%s"}"""
        .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    runDueJobs(incident);
    return incident;
  }

  /** The follow-up beside the incident: its person reverts in Git; then Firebreak restores the remembered policy. */
  void followUpDone(ProcessInstance incident) {
    ProcessInstance followUp = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("auto-sync-follow-up").processInstanceBusinessKey(key(incident)).singleResult();
    assertThat(engine.getRuntimeService().getVariable(followUp.getId(), "previousSyncPolicy"))
        .isEqualTo("{\"prune\":true,\"selfHeal\":true}");
    ARGOCD.verify(1, patchRequestedFor(urlPathEqualTo("/api/v1/applications/checkout")));
    complete(followUp, "RevertAndReenableAutoSync", "responder", RESPONDERS, vars("followUpNotes",
        "Reverted 4.2.0 in deploy.git (commit 9f8e7d6)"));
    runDueJobs(followUp);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(followUp.getId()).count())
        .as("Git and cluster agree").isZero();
  }

  @Test
  void argoCd31SwitchesAutoSyncOffWithEnabledFalseAndTheFollowUpRestoresThePolicy() throws Exception {
    ProcessInstance incident = rolledBackWithAutoSyncOff("v3.1.5+cfeed49");

    ARGOCD.verify(1, patchRequestedFor(urlPathEqualTo("/api/v1/applications/checkout")).withRequestBody(equalToJson("""
        {"name": "checkout", "patchType": "merge",
         "patch": "{\\"spec\\":{\\"syncPolicy\\":{\\"automated\\":{\\"enabled\\":false}}}}"}""")));
    assertThat(deployments.ofIncident(key(incident)).get(0).previousSyncPolicy()).isEqualTo("{\"prune\":true,\"selfHeal\":true}");
    followUpDone(incident);

    ARGOCD.verify(2, patchRequestedFor(urlPathEqualTo("/api/v1/applications/checkout")));
    ARGOCD.verify(1, patchRequestedFor(urlPathEqualTo("/api/v1/applications/checkout")).withRequestBody(equalToJson("""
        {"name": "checkout", "patchType": "merge",
         "patch": "{\\"spec\\":{\\"syncPolicy\\":{\\"automated\\":{\\"prune\\":true,\\"selfHeal\\":true,\\"enabled\\":true}}}}"}""")));
    assertThat(incidents.timeline(key(incident))).anySatisfy(entry -> assertThat(entry.summary())
        .contains("Auto-sync of checkout is on again"));
  }

  @Test
  void argoCdBefore31LosesTheAutomatedBlockAndTheFollowUpPutsItBack() throws Exception {
    ProcessInstance incident = rolledBackWithAutoSyncOff("v2.14.9+a1b2c3d");

    ARGOCD.verify(1, patchRequestedFor(urlPathEqualTo("/api/v1/applications/checkout")).withRequestBody(equalToJson("""
        {"name": "checkout", "patchType": "merge", "patch": "{\\"spec\\":{\\"syncPolicy\\":{\\"automated\\":null}}}"}""")));
    followUpDone(incident);

    ARGOCD.verify(1, patchRequestedFor(urlPathEqualTo("/api/v1/applications/checkout")).withRequestBody(equalToJson("""
        {"name": "checkout", "patchType": "merge",
         "patch": "{\\"spec\\":{\\"syncPolicy\\":{\\"automated\\":{\\"prune\\":true,\\"selfHeal\\":true}}}}"}""")));
  }
}
