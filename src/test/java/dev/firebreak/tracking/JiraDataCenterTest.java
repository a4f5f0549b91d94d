package dev.firebreak.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The Jira adapter against Jira Data Center (REST v2, plain text, Bearer personal access token) and
 * its classic workflow: Open → Resolve Issue (asks for a resolution) → Resolved → Close Issue → Closed.
 */
class JiraDataCenterTest {

  static final String OPEN = """
      {"key": "OPS-1", "fields": {"status": {"name": "Open", "statusCategory": {"key": "new"}}}}""";
  static final String RESOLVED = """
      {"key": "OPS-1", "fields": {"status": {"name": "Resolved", "statusCategory": {"key": "done"}}}}""";
  static final String CLOSED = """
      {"key": "OPS-1", "fields": {"status": {"name": "Closed", "statusCategory": {"key": "done"}}}}""";
  static final String FROM_OPEN = """
      {"transitions": [
        {"id": "4", "name": "Start Progress", "to": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}}},
        {"id": "5", "name": "Resolve Issue", "to": {"name": "Resolved", "statusCategory": {"key": "done"}},
         "fields": {"resolution": {"required": true, "name": "Resolution"}}},
        {"id": "2", "name": "Close Issue", "to": {"name": "Closed", "statusCategory": {"key": "done"}},
         "fields": {"resolution": {"required": true, "name": "Resolution"}}}]}""";
  static final String FROM_RESOLVED = """
      {"transitions": [
        {"id": "701", "name": "Close Issue", "to": {"name": "Closed", "statusCategory": {"key": "done"}}},
        {"id": "3", "name": "Reopen Issue", "to": {"name": "Reopened", "statusCategory": {"key": "new"}}}]}""";
  static final String FROM_CLOSED = """
      {"transitions": [
        {"id": "3", "name": "Reopen Issue", "to": {"name": "Reopened", "statusCategory": {"key": "new"}}}]}""";

  WireMockServer jira;
  JiraIssueTracker tracker;

  @BeforeEach
  void start() {
    jira = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    jira.start();
    JiraProperties properties = new JiraProperties();
    properties.setBaseUrl(jira.baseUrl() + "/");
    properties.setApiVersion(2);
    properties.setProjectKey("OPS");
    properties.setPersonalAccessToken("dc-pat");
    properties.setResolution("Fixed");
    tracker = new JiraIssueTracker(RestClient.builder(), properties);
  }

  @AfterEach
  void stop() {
    jira.stop();
  }

  @Test
  void createsWithPlainTextAndBearerToken() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson("{\"issues\": []}")));
    jira.stubFor(post(urlEqualTo("/rest/api/2/issue")).willReturn(okJson("{\"key\": \"OPS-1\"}")));
    TrackedIssue issue = tracker.createIncidentIssue("INC-2026-0001", "[SEV1] INC-2026-0001 Payments down", "Line one\nLine two");
    assertThat(issue.key()).isEqualTo("OPS-1");
    jira.verify(postRequestedFor(urlEqualTo("/rest/api/2/issue"))
        .withHeader("Authorization", equalTo("Bearer dc-pat"))
        .withRequestBody(matchingJsonPath("$.fields.description", equalTo("Line one\nLine two")))
        .withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("OPS"))));
  }

  @Test
  void retryFindsTheIssueByItsLabelInsteadOfCreatingASecond() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("jql", equalTo("labels = \"firebreak-inc-2026-0001\""))
        .willReturn(okJson("{\"issues\": [{\"key\": \"OPS-1\"}]}")));
    assertThat(tracker.createIncidentIssue("INC-2026-0001", "again", "again").key()).isEqualTo("OPS-1");
    jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/2/issue")));
  }

  @Test
  void jiraErrorsNameJirasMessage() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson("{\"issues\": []}")));
    jira.stubFor(post(urlEqualTo("/rest/api/2/issue")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": {\"issuetype\": \"Specify a valid issue type\"}}")));
    assertThatThrownBy(() -> tracker.createIncidentIssue("INC-2026-0002", "x", "y"))
        .hasMessageContaining("Jira answered 400").hasMessageContaining("Specify a valid issue type");
  }

  @Test
  void commentsInPlainTextOnceEvenWhenRetried() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1/comment")).inScenario("comment")
        .willReturn(okJson("{\"comments\": []}")));
    jira.stubFor(post(urlEqualTo("/rest/api/2/issue/OPS-1/comment")).inScenario("comment").willSetStateTo("posted")
        .willReturn(created()));
    tracker.comment("INC-2026-0001", "OPS-1", "Status update (Identified): pool exhausted");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-1/comment"))
        .withHeader("Authorization", equalTo("Bearer dc-pat"))
        .withRequestBody(matchingJsonPath("$.body", equalTo("Status update (Identified): pool exhausted")))
        .withRequestBody(matchingJsonPath("$.properties[0].key", equalTo("firebreak.comment"))));
    String fingerprint = dev.firebreak.platform.security.Hashes.sha256Hex("Status update (Identified): pool exhausted");
    jira.verify(postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-1/comment"))
        .withRequestBody(matchingJsonPath("$.properties[0].value.sha256", equalTo(fingerprint))));

    // the answer was lost and the job retries: the comment is there, with our fingerprint
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1/comment")).inScenario("comment").whenScenarioStateIs("posted")
        .willReturn(okJson("{\"comments\": [{\"id\": \"100\", \"properties\": [{\"key\": \"firebreak.comment\","
            + " \"value\": {\"sha256\": \"" + fingerprint + "\"}}]}]}")));
    tracker.comment("INC-2026-0001", "OPS-1", "Status update (Identified): pool exhausted");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-1/comment")));
    jira.verify(getRequestedFor(urlPathEqualTo("/rest/api/2/issue/OPS-1/comment"))
        .withQueryParam("expand", equalTo("properties")).withQueryParam("orderBy", equalTo("-created")));

    // a different update is posted
    tracker.comment("INC-2026-0001", "OPS-1", "Escalated to level 2");
    jira.verify(2, postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-1/comment")));

    // a Jira that leaves properties out of the list: the same text is found all the same
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1/comment")).inScenario("comment").whenScenarioStateIs("posted")
        .willReturn(okJson("{\"comments\": [{\"id\": \"101\", \"body\": \"Escalated to level 2\"}]}")));
    tracker.comment("INC-2026-0001", "OPS-1", "Escalated to level 2");
    jira.verify(2, postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-1/comment")));
  }

  @Test
  void resolveTakesResolveIssueAndSetsTheResolutionItsScreenAsksFor() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1")).willReturn(okJson(OPEN)));
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1/transitions")).willReturn(okJson(FROM_OPEN)));
    jira.stubFor(post(urlEqualTo("/rest/api/2/issue/OPS-1/transitions")).willReturn(noContent()));

    IssueTracker.TransitionOutcome outcome = tracker.transition("INC-2026-0001", "OPS-1", TrackingStage.RESOLVED);

    assertThat(outcome).isEqualTo(new IssueTracker.TransitionOutcome(true, "Resolved"));
    jira.verify(getRequestedFor(urlPathEqualTo("/rest/api/2/issue/OPS-1/transitions"))
        .withQueryParam("expand", equalTo("transitions.fields")));
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-1/transitions"))
        .withHeader("Authorization", equalTo("Bearer dc-pat"))
        .withRequestBody(equalToJson("{\"transition\": {\"id\": \"5\"}, \"fields\": {\"resolution\": {\"name\": \"Fixed\"}}}")));
  }

  @Test
  void closeTakesCloseIssueFromResolved() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1")).willReturn(okJson(RESOLVED)));
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1/transitions")).willReturn(okJson(FROM_RESOLVED)));
    jira.stubFor(post(urlEqualTo("/rest/api/2/issue/OPS-1/transitions")).willReturn(noContent()));

    assertThat(tracker.transition("INC-2026-0001", "OPS-1", TrackingStage.CLOSED))
        .isEqualTo(new IssueTracker.TransitionOutcome(true, "Closed"));
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-1/transitions"))
        .withRequestBody(equalToJson("{\"transition\": {\"id\": \"701\"}}")));
  }

  @Test
  void resolvingAResolvedIssueAsksNoTransitions() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1")).willReturn(okJson(RESOLVED)));

    assertThat(tracker.transition("INC-2026-0001", "OPS-1", TrackingStage.RESOLVED))
        .isEqualTo(new IssueTracker.TransitionOutcome(false, "Resolved"));
    jira.verify(0, getRequestedFor(urlPathEqualTo("/rest/api/2/issue/OPS-1/transitions")));
    jira.verify(0, postRequestedFor(urlPathEqualTo("/rest/api/2/issue/OPS-1/transitions")));
  }

  @Test
  void closedIssueIsLeftAloneForBothStages() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1")).willReturn(okJson(CLOSED)));
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1/transitions")).willReturn(okJson(FROM_CLOSED)));

    assertThat(tracker.transition("INC-2026-0001", "OPS-1", TrackingStage.CLOSED))
        .isEqualTo(new IssueTracker.TransitionOutcome(false, "Closed"));
    assertThat(tracker.transition("INC-2026-0001", "OPS-1", TrackingStage.RESOLVED))
        .isEqualTo(new IssueTracker.TransitionOutcome(false, "Closed"));
    jira.verify(0, postRequestedFor(urlPathEqualTo("/rest/api/2/issue/OPS-1/transitions")));
  }

  @Test
  void anIssueNothingCanMoveToDoneFailsWithAMessageThatNamesTheSetting() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1")).willReturn(okJson(OPEN)));
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1/transitions")).willReturn(okJson("""
        {"transitions": [{"id": "4", "name": "Start Progress",
          "to": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}}}]}""")));

    assertThatThrownBy(() -> tracker.transition("INC-2026-0001", "OPS-1", TrackingStage.RESOLVED))
        .hasMessageContaining("no transition to resolved OPS-1 from 'Open'")
        .hasMessageContaining("firebreak.jira.resolve-transitions");
  }

  @Test
  void actionItemIsCreatedAndLinkedOnceAcrossARetry() {
    String label = "firebreak-inc-2026-0001-item-0";
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("jql", equalTo("labels = \"" + label + "\""))
        .inScenario("item").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(okJson("{\"issues\": []}")));
    jira.stubFor(post(urlEqualTo("/rest/api/2/issue")).inScenario("item").willSetStateTo("created")
        .willReturn(okJson("{\"key\": \"OPS-9\"}")));
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-9")).inScenario("item").whenScenarioStateIs("created")
        .willReturn(okJson("{\"key\": \"OPS-9\", \"fields\": {\"issuelinks\": []}}")));
    jira.stubFor(post(urlEqualTo("/rest/api/2/issueLink")).inScenario("item").willSetStateTo("linked")
        .willReturn(created()));

    TrackedIssue item = tracker.createActionItem("INC-2026-0001", "OPS-1", 0, "Alert on DB memory", "responder", "2026-12-15");

    assertThat(item.key()).isEqualTo("OPS-9");
    jira.verify(postRequestedFor(urlEqualTo("/rest/api/2/issue"))
        .withRequestBody(matchingJsonPath("$.fields.issuetype.name", equalTo("Task")))
        .withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo(label)))
        .withRequestBody(matchingJsonPath("$.fields.description", containing("Owner: responder. Due: 2026-12-15"))));
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issueLink"))
        .withRequestBody(equalToJson("{\"type\": {\"name\": \"Relates\"}, \"inwardIssue\": {\"key\": \"OPS-9\"},"
            + " \"outwardIssue\": {\"key\": \"OPS-1\"}}")));

    // the job's answer was lost: the retry finds the issue by its label and the link on it
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("jql", equalTo("labels = \"" + label + "\""))
        .inScenario("item").whenScenarioStateIs("linked").willReturn(okJson("{\"issues\": [{\"key\": \"OPS-9\"}]}")));
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-9")).inScenario("item").whenScenarioStateIs("linked")
        .willReturn(okJson("{\"key\": \"OPS-9\", \"fields\": {\"issuelinks\": [{\"id\": \"1\", \"type\": {\"name\": \"Relates\"},"
            + " \"outwardIssue\": {\"key\": \"OPS-1\"}}]}}")));
    assertThat(tracker.createActionItem("INC-2026-0001", "OPS-1", 0, "Alert on DB memory", "responder", "2026-12-15").key())
        .isEqualTo("OPS-9");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue")));
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issueLink")));
  }
}
