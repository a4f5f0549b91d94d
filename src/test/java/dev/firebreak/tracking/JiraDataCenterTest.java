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

/** The Jira adapter against Jira Data Center (REST v2, plain text, Bearer personal access token). */
class JiraDataCenterTest {

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
  void jiraErrorsNameJirasMessage() {
    jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson("{\"issues\": []}")));
    jira.stubFor(post(urlEqualTo("/rest/api/2/issue")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": {\"issuetype\": \"Specify a valid issue type\"}}")));
    assertThatThrownBy(() -> tracker.createIncidentIssue("INC-2026-0002", "x", "y"))
        .hasMessageContaining("Jira answered 400").hasMessageContaining("Specify a valid issue type");
  }
}
