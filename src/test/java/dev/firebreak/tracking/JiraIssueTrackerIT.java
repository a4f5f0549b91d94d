package dev.firebreak.tracking;

import dev.firebreak.incident.IncidentStatus;
import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import dev.firebreak.postmortem.ActionItemFollowUpProcess;
import dev.firebreak.postmortem.Postmortems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The real Jira adapter (Cloud: REST v3, ADF, Basic e-mail:token) against WireMock, driven by an
 * incident from triage to closed: the issue is created once, commented, resolved (through a Jira
 * outage) and left alone on close; action items become linked issues, and the webhook's "done"
 * ends the follow-up.
 */
@AutoConfigureMockMvc
@DirtiesContext
class JiraIssueTrackerIT extends ProcessTestSupport {

  static final WireMockServer JIRA = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  static {
    JIRA.start();
  }

  @DynamicPropertySource
  static void jira(DynamicPropertyRegistry registry) {
    registry.add("firebreak.jira.base-url", JIRA::baseUrl);
    registry.add("firebreak.jira.api-version", () -> "3");
    registry.add("firebreak.jira.email", () -> "bot@firebreak.example");
    registry.add("firebreak.jira.api-token", () -> "cloud-token");
    registry.add("firebreak.jira.webhook-secret", () -> "jira-secret");
  }

  @AfterAll
  static void stop() {
    JIRA.stop();
  }

  @Autowired
  IssueTracker tracker;
  @Autowired
  Incidents incidents;
  @Autowired
  Postmortems postmortems;
  @Autowired
  MockMvc mvc;

  @Test
  void incidentIssueFollowsTheIncidentAndActionItemsEndTheFollowUpThroughTheWebhook() throws Exception {
    assertThat(tracker).isInstanceOf(JiraIssueTracker.class);
    engine.getIdentityService().setAuthentication("responder", RESPONDERS);
    ProcessInstance instance;
    try {
      instance = engine.getRuntimeService().startProcessInstanceByKey("incident", vars("title", "Checkout errors",
          "service", "checkout", "incidentType", "outage", "impactScope", "part-of-users"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(instance);
    String key = (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");
    String label = "firebreak-" + key.toLowerCase();
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/search")).withQueryParam("jql", equalTo("labels = \"" + label + "\""))
        .inScenario("incident").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"issues\": []}")));
    JIRA.stubFor(WireMockPost.issue().withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo(label)))
        .inScenario("incident").willSetStateTo("created")
        .willReturn(okJson("{\"id\": \"10007\", \"key\": \"INC-7\"}")));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/search")).withQueryParam("jql", equalTo("labels = \"" + label + "\""))
        .inScenario("incident").whenScenarioStateIs("created")
        .willReturn(okJson("{\"issues\": [{\"key\": \"INC-7\"}]}")));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7/comment")).willReturn(okJson("{\"comments\": []}")));
    JIRA.stubFor(WireMockPost.to("/rest/api/3/issue/INC-7/comment").willReturn(created()));

    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", false));

    String basic = "Basic " + Base64.getEncoder().encodeToString("bot@firebreak.example:cloud-token".getBytes(StandardCharsets.UTF_8));
    JIRA.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue"))
        .withHeader("Authorization", equalTo(basic))
        .withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("INC")))
        .withRequestBody(matchingJsonPath("$.fields.issuetype.name", equalTo("Incident")))
        .withRequestBody(matchingJsonPath("$.fields.description.type", equalTo("doc")))
        .withRequestBody(matchingJsonPath("$.fields.summary", containing(key + " Checkout errors"))));
    assertThat(incidents.links(key)).anyMatch(l -> l.kind().equals("tracking-issue") && l.reference().equals("INC-7")
        && l.url().endsWith("/browse/INC-7"));

    // a retry after a lost answer finds the issue by its label instead of creating a second one
    assertThat(tracker.createIncidentIssue(key, "again", "again").key()).isEqualTo("INC-7");
    JIRA.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));

    moveClock(61);
    runDueJobs(instance);
    complete(instance, "ApprovePublicNotice", "comms", List.of("communications"), vars("statusPhase", "identified",
        "statusMessage", "We found the cause."));
    JIRA.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/INC-7/comment"))
        .withRequestBody(matchingJsonPath("$.body.content[0].content[0].text", containing("We found the cause."))));

    // resolving: Jira is down at first; the incident goes on, the transition job retries
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7")).inScenario("workflow")
        .willReturn(okJson(JiraCloudTest.status("In Progress", "indeterminate"))));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7/transitions")).willReturn(okJson(JiraCloudTest.SIMPLE_WORKFLOW)));
    JIRA.stubFor(WireMockPost.to("/rest/api/3/issue/INC-7/transitions").inScenario("workflow")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("back")
        .willReturn(aResponse().withStatus(503).withBody("Jira is under maintenance")));
    JIRA.stubFor(WireMockPost.to("/rest/api/3/issue/INC-7/transitions").inScenario("workflow")
        .whenScenarioStateIs("back").willSetStateTo("done").willReturn(noContent()));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7")).inScenario("workflow").whenScenarioStateIs("done")
        .willReturn(okJson(JiraCloudTest.status("Done", "done"))));

    complete(instance, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Bad config pushed", "recoveryStrategy", "failover"));
    complete(instance, "VerifyRecovery", "responder", RESPONDERS, vars("recoveryVerified", "yes",
        "verificationNotes", "Errors gone"));
    complete(instance, "ConfirmServiceRestored", "responder", RESPONDERS, vars("serviceRestored", "yes",
        "resolutionSummary", "Config rolled back"));
    if (hasTask(instance, "DecideOnPostmortem")) {
      complete(instance, "DecideOnPostmortem", "manager", MANAGERS, vars("holdPostmortem", "yes",
          "postmortemDecisionReason", "Learn from it"));
    }
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.POSTMORTEM);

    Job resolve = transitionJob(key, "resolved");
    assertThatThrownBy(() -> engine.getManagementService().executeJob(resolve.getId()))
        .hasMessageContaining("Jira answered 503");
    assertThat(transitionJob(key, "resolved").getRetries()).isEqualTo(11);
    moveClock(6);
    engine.getManagementService().executeJob(resolve.getId());
    assertThat(transitionJob(key, "resolved")).isNull();
    JIRA.verify(2, postRequestedFor(urlEqualTo("/rest/api/3/issue/INC-7/transitions"))
        .withRequestBody(equalToJson("{\"transition\": {\"id\": \"31\"}}")));
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals("Tracking issue INC-7 moved to Done"));

    // post-mortem: two action items become issues linked to INC-7
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/search")).withQueryParam("jql", containing(label + "-item-"))
        .willReturn(okJson("{\"issues\": []}")));
    JIRA.stubFor(WireMockPost.issue().withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo(label + "-item-0")))
        .willReturn(okJson("{\"key\": \"INC-9\"}")));
    JIRA.stubFor(WireMockPost.issue().withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo(label + "-item-1")))
        .willReturn(okJson("{\"key\": \"INC-10\"}")));
    JIRA.stubFor(get(urlPathMatching("/rest/api/3/issue/INC-(9|10)")).willReturn(okJson("{\"fields\": {\"issuelinks\": []}}")));
    JIRA.stubFor(WireMockPost.to("/rest/api/3/issueLink").willReturn(created()));

    complete(instance, "SchedulePostmortemMeeting", "manager", MANAGERS, vars("meetingAt", "2026-11-27T10:00",
        "meetingParticipants", "responder, manager", "facilitator", "manager"));
    complete(instance, "WritePostmortem", "responder", RESPONDERS, vars("postmortemSummary", "Checkout errors for 20 minutes",
        "customerImpact", "Checkout failed for 20 minutes", "responseTimeline", "10:00 alert, 10:20 config reverted",
        "rootCause", "Bad config", "preventionMeasures", "Validate config in CI", "lessonsLearned", "Check before push",
        "actionItems", List.of(
            Map.of("title", "Validate config before push", "owner", "responder", "dueDate", "2026-12-15"),
            Map.of("title", "Alert on checkout errors", "owner", "checkout-dev", "dueDate", "2026-12-20"))));
    complete(instance, "ApprovePostmortem", "manager", MANAGERS, vars("postmortemDecision", "approve",
        "postmortemReviewNotes", "Good"));

    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(postmortems.actionItems(key)).extracting(Postmortems.ActionItem::trackerKey).containsExactly("INC-9", "INC-10");
    JIRA.verify(2, postRequestedFor(urlEqualTo("/rest/api/3/issueLink"))
        .withRequestBody(matchingJsonPath("$.type.name", equalTo("Relates")))
        .withRequestBody(matchingJsonPath("$.outwardIssue.key", equalTo("INC-7"))));
    JIRA.verify(postRequestedFor(urlEqualTo("/rest/api/3/issueLink")).withRequestBody(matchingJsonPath("$.inwardIssue.key", equalTo("INC-9"))));

    // closing: Done is already the end of the Cloud workflow, so nothing is posted
    engine.getManagementService().executeJob(transitionJob(key, "closed").getId());
    JIRA.verify(2, postRequestedFor(urlEqualTo("/rest/api/3/issue/INC-7/transitions")));

    // the follow-up waits for both items; the webhook's "done" ends it
    ProcessInstance followUp = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ActionItemFollowUpProcess.ID).processInstanceBusinessKey(key).singleResult();
    assertThat(followUp).isNotNull();
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(followUp.getId())
        .eventName(ActionItemFollowUpProcess.MESSAGE_ACTION_ITEM_DONE).count()).isEqualTo(2);

    String done9 = done("INC-9");
    mvc.perform(post("/api/jira/webhook").contentType(MediaType.APPLICATION_JSON).content(done9))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/jira/webhook").header("X-Firebreak-Webhook-Secret", "wrong")
        .contentType(MediaType.APPLICATION_JSON).content(done9)).andExpect(status().isUnauthorized());
    mvc.perform(post("/api/jira/webhook").queryParam("secret", "wrong")
        .contentType(MediaType.APPLICATION_JSON).content(done9)).andExpect(status().isUnauthorized());
    // the query form is refused even with the right secret, saying to use the header
    mvc.perform(post("/api/jira/webhook").queryParam("secret", "jira-secret")
        .contentType(MediaType.APPLICATION_JSON).content(done9)).andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("X-Firebreak-Webhook-Secret")));
    assertThat(postmortems.actionItems(key)).allMatch(item -> item.status().equals("open"));

    mvc.perform(post("/api/jira/webhook").header("X-Firebreak-Webhook-Secret", "jira-secret")
        .contentType(MediaType.APPLICATION_JSON).content(done9))
        .andExpect(status().isOk()).andExpect(jsonPath("$.handled").value(true)).andExpect(jsonPath("$.incident").value(key));
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(followUp.getId())
        .eventName(ActionItemFollowUpProcess.MESSAGE_ACTION_ITEM_DONE).count()).isEqualTo(1);
    // Jira sends an update for every later edit of a done issue: nothing changes
    mvc.perform(post("/api/jira/webhook").header("X-Firebreak-Webhook-Secret", "jira-secret")
        .contentType(MediaType.APPLICATION_JSON).content(done9))
        .andExpect(status().isOk()).andExpect(jsonPath("$.handled").value(false));

    mvc.perform(post("/api/jira/webhook").header("X-Firebreak-Webhook-Secret", "jira-secret")
        .contentType(MediaType.APPLICATION_JSON).content(done("INC-10"))).andExpect(status().isOk());
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(followUp.getId()).count()).isZero();
    assertThat(postmortems.actionItems(key)).allMatch(item -> item.status().equals("done"));
    assertThat(incidents.timeline(key)).filteredOn(e -> e.summary().startsWith("Action item INC-")).hasSize(2);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals("All 2 action items are done"));
  }

  private Job transitionJob(String incidentKey, String stage) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(TrackingProcess.ID)
        .processInstanceBusinessKey(incidentKey).list().stream()
        .filter(pi -> stage.equals(engine.getRuntimeService().getVariable(pi.getId(), TrackingProcess.TRACKING_STAGE.name())))
        .map(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult())
        .findFirst().orElse(null);
  }

  private static String done(String issueKey) {
    return """
        {"webhookEvent": "jira:issue_updated", "issue": {"key": "%s",
         "fields": {"status": {"name": "Done", "statusCategory": {"key": "done"}}}}}""".formatted(issueKey);
  }

  /** POST stubs (WireMock's post() clashes with MockMvc's). */
  static final class WireMockPost {
    static com.github.tomakehurst.wiremock.client.MappingBuilder issue() {
      return to("/rest/api/3/issue");
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder to(String url) {
      return com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(url));
    }
  }
}
