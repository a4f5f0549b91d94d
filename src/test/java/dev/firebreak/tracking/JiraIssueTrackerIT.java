package dev.firebreak.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import dev.firebreak.postmortem.Postmortems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The real Jira adapter (Cloud: REST v3, ADF, Basic e-mail:token) against WireMock, driven by an incident. */
@AutoConfigureMockMvc
class JiraIssueTrackerIT extends ProcessTestSupport {

  static final WireMockServer JIRA = new WireMockServer(WireMockConfiguration.options().dynamicPort());

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
  void incidentIssueIsCreatedOnceCommentedAndActionItemsCloseThroughTheWebhook() throws Exception {
    assertThat(tracker).isInstanceOf(JiraIssueTracker.class);
    engine.getIdentityService().setAuthentication("responder", List.of("responders"));
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
    JIRA.stubFor(post(urlEqualTo("/rest/api/3/issue")).withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo(label)))
        .inScenario("incident").willSetStateTo("created")
        .willReturn(okJson("{\"id\": \"10007\", \"key\": \"INC-7\"}")));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/search")).withQueryParam("jql", equalTo("labels = \"" + label + "\""))
        .inScenario("incident").whenScenarioStateIs("created")
        .willReturn(okJson("{\"issues\": [{\"key\": \"INC-7\"}]}")));
    JIRA.stubFor(post(urlEqualTo("/rest/api/3/issue/INC-7/comment")).willReturn(created()));

    complete(instance, "TriageIncident", "responder", List.of("responders"), vars("triageOutcome", "acknowledge",
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

    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/search")).withQueryParam("jql", containing(label + "-"))
        .willReturn(okJson("{\"issues\": []}")));
    JIRA.stubFor(post(urlEqualTo("/rest/api/3/issue")).withRequestBody(matchingJsonPath("$.fields.issuetype.name", equalTo("Task")))
        .willReturn(okJson("{\"key\": \"INC-9\"}")));
    JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-9")).willReturn(okJson("{\"fields\": {\"issuelinks\": []}}")));
    JIRA.stubFor(post(urlEqualTo("/rest/api/3/issueLink")).willReturn(created()));
    TrackedIssue item = tracker.createActionItem(key, "INC-7", 0, "Alert on checkout errors", "responder", "2026-12-20");
    assertThat(item.key()).isEqualTo("INC-9");
    JIRA.verify(postRequestedFor(urlEqualTo("/rest/api/3/issueLink"))
        .withRequestBody(matchingJsonPath("$.inwardIssue.key", equalTo("INC-9")))
        .withRequestBody(matchingJsonPath("$.outwardIssue.key", equalTo("INC-7"))));

    postmortems.saveActionItem(new Postmortems.ActionItem(key, 0, "Alert on checkout errors", "responder",
        "2026-12-20", "INC-9", "open"));
    String done = """
        {"webhookEvent": "jira:issue_updated", "issue": {"key": "INC-9",
         "fields": {"status": {"name": "Done", "statusCategory": {"key": "done"}}}}}""";
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/jira/webhook").contentType(MediaType.APPLICATION_JSON).content(done))
        .andExpect(status().isUnauthorized());
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/jira/webhook").header("X-Firebreak-Webhook-Secret", "wrong")
        .contentType(MediaType.APPLICATION_JSON).content(done)).andExpect(status().isUnauthorized());
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/jira/webhook").header("X-Firebreak-Webhook-Secret", "jira-secret")
        .contentType(MediaType.APPLICATION_JSON).content(done)).andExpect(status().isOk());
    assertThat(postmortems.actionItems(key)).singleElement().extracting(Postmortems.ActionItem::status).isEqualTo("done");
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals("Action item INC-9 is done"));
  }
}
