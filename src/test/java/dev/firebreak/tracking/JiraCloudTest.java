package dev.firebreak.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The Jira adapter against Jira Cloud (REST v3, ADF, Basic e-mail:token) and its simple workflow,
 * where every status is reachable from every other and "Done" is both resolved and closed.
 */
class JiraCloudTest {

  static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString("bot@firebreak.example:cloud-token".getBytes(StandardCharsets.UTF_8));
  static final String SIMPLE_WORKFLOW = """
      {"transitions": [
        {"id": "11", "name": "To Do", "to": {"name": "To Do", "statusCategory": {"key": "new"}}},
        {"id": "21", "name": "In Progress", "to": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}}},
        {"id": "31", "name": "Done", "to": {"name": "Done", "statusCategory": {"key": "done"}}}]}""";

  WireMockServer jira;
  JiraProperties properties;
  JiraIssueTracker tracker;

  @BeforeEach
  void start() {
    jira = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    jira.start();
    properties = new JiraProperties();
    properties.setBaseUrl(jira.baseUrl());
    properties.setEmail("bot@firebreak.example");
    properties.setApiToken("cloud-token");
    tracker = new JiraIssueTracker(RestClient.builder(), properties);
  }

  @AfterEach
  void stop() {
    jira.stop();
  }

  static String status(String name, String category) {
    return "{\"key\": \"INC-7\", \"fields\": {\"status\": {\"name\": \"" + name + "\", \"statusCategory\": {\"key\": \""
        + category + "\"}}}}";
  }

  @Test
  void createsWithAnAdfDescriptionAndBasicToken() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/search")).willReturn(okJson("{\"issues\": []}")));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(okJson("{\"key\": \"INC-7\"}")));
    TrackedIssue issue = tracker.createIncidentIssue("INC-2026-0007", "[SEV2] INC-2026-0007 Search slow", "Line one\n\nLine two");
    assertThat(issue).isEqualTo(new TrackedIssue("INC-7", jira.baseUrl() + "/browse/INC-7"));
    jira.verify(postRequestedFor(urlEqualTo("/rest/api/3/issue"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(matchingJsonPath("$.fields.description.type", equalTo("doc")))
        .withRequestBody(matchingJsonPath("$.fields.description.content[0].content[0].text", equalTo("Line one")))
        .withRequestBody(matchingJsonPath("$.fields.description.content[2].content[0].text", equalTo("Line two")))
        .withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo("firebreak-inc-2026-0007"))));
  }

  @Test
  void commentsAsAnAdfDocumentOnce() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7/comment")).willReturn(okJson("{\"comments\": [{\"id\": \"1\","
        + " \"properties\": [{\"key\": \"sd.public.comment\", \"value\": {\"internal\": false}}]}]}")));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue/INC-7/comment")).willReturn(created()));
    tracker.comment("INC-2026-0007", "INC-7", "Escalated to level 3 (executives). Payments down 30 minutes");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/INC-7/comment"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(matchingJsonPath("$.body.type", equalTo("doc")))
        .withRequestBody(matchingJsonPath("$.body.content[0].content[0].text", containing("Escalated to level 3")))
        .withRequestBody(matchingJsonPath("$.properties[0].value.incident", equalTo("INC-2026-0007"))));
  }

  @Test
  void aCommentWithTheSameTextIsFoundEvenWithoutItsProperty() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7/comment")).willReturn(okJson("""
        {"comments": [{"id": "9", "body": {"type": "doc", "version": 1, "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "Status update (Monitoring): fix deployed"}]},
          {"type": "paragraph"},
          {"type": "paragraph", "content": [{"type": "text", "text": "Watching error rates"}]}]}}]}""")));
    tracker.comment("INC-2026-0007", "INC-7", "Status update (Monitoring): fix deployed\n\nWatching error rates");
    jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue/INC-7/comment")));
  }

  @Test
  void resolveTakesDoneAndCloseThenHasNothingLeftToDo() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7")).inScenario("workflow")
        .willReturn(okJson(status("In Progress", "indeterminate"))));
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7/transitions")).willReturn(okJson(SIMPLE_WORKFLOW)));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue/INC-7/transitions")).inScenario("workflow").willSetStateTo("done")
        .willReturn(noContent()));
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7")).inScenario("workflow").whenScenarioStateIs("done")
        .willReturn(okJson(status("Done", "done"))));

    assertThat(tracker.transition("INC-2026-0007", "INC-7", TrackingStage.RESOLVED))
        .isEqualTo(new IssueTracker.TransitionOutcome(true, "Done"));
    assertThat(tracker.transition("INC-2026-0007", "INC-7", TrackingStage.CLOSED))
        .isEqualTo(new IssueTracker.TransitionOutcome(false, "Done"));
    // a retry of either stage after a lost answer changes nothing either
    assertThat(tracker.transition("INC-2026-0007", "INC-7", TrackingStage.RESOLVED).moved()).isFalse();

    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/INC-7/transitions"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("{\"transition\": {\"id\": \"31\"}}")));
  }

  @Test
  void aWorkflowWithOtherNamesIsFollowedIntoTheDoneCategory() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7")).willReturn(okJson(status("Mitigating", "indeterminate"))));
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7/transitions")).willReturn(okJson("""
        {"transitions": [
          {"id": "61", "name": "Back to triage", "to": {"name": "Triage", "statusCategory": {"key": "new"}}},
          {"id": "71", "name": "Restore", "to": {"name": "Restored", "statusCategory": {"key": "done"}}}]}""")));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue/INC-7/transitions")).willReturn(noContent()));

    assertThat(tracker.transition("INC-2026-0007", "INC-7", TrackingStage.RESOLVED))
        .isEqualTo(new IssueTracker.TransitionOutcome(true, "Restored"));
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/INC-7/transitions"))
        .withRequestBody(equalToJson("{\"transition\": {\"id\": \"71\"}}")));
  }

  @Test
  void configuredNamesComeFirst() {
    properties.setCloseTransitions(List.of("Archive"));
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7")).willReturn(okJson(status("Done", "done"))));
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/INC-7/transitions")).willReturn(okJson("""
        {"transitions": [
          {"id": "31", "name": "Done", "to": {"name": "Done", "statusCategory": {"key": "done"}}},
          {"id": "91", "name": "Archive", "to": {"name": "Archived", "statusCategory": {"key": "done"}}}]}""")));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue/INC-7/transitions")).willReturn(noContent()));

    assertThat(tracker.transition("INC-2026-0007", "INC-7", TrackingStage.CLOSED))
        .isEqualTo(new IssueTracker.TransitionOutcome(true, "Archived"));
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/INC-7/transitions"))
        .withRequestBody(equalToJson("{\"transition\": {\"id\": \"91\"}}")));
  }
}
