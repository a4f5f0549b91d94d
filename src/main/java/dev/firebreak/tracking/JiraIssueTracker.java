package dev.firebreak.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Jira through Spring's RestClient (v3 with ADF descriptions for Cloud, v2 with plain text for
 * Data Center). Every created issue carries the label firebreak-&lt;incident key&gt;, so a retry after
 * a lost answer finds the issue instead of creating a second one. Errors are thrown: the async
 * job retries, and when retries run out Cockpit and the timeline show it.
 */
@Component
@ConditionalOnExpression("!'${firebreak.jira.base-url:}'.isBlank()")
class JiraIssueTracker implements IssueTracker {

  private final RestClient http;
  private final JiraProperties jira;

  JiraIssueTracker(RestClient.Builder builder, JiraProperties jira) {
    this.jira = jira;
    this.http = builder.baseUrl(jira.getBaseUrl().replaceAll("/$", "") + "/rest/api/" + jira.getApiVersion())
        .defaultHeader(HttpHeaders.AUTHORIZATION, authorization(jira))
        .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
          String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
          throw new IllegalStateException("Jira answered " + response.getStatusCode().value() + " to "
              + request.getMethod() + " " + request.getURI().getPath() + ": " + body);
        })
        .build();
  }

  @Override
  public TrackedIssue createIncidentIssue(String incidentKey, String summary, String description) {
    String label = label(incidentKey);
    return find(label).orElseGet(() -> create(jira.getIssueType(), summary, description, List.of("firebreak", label)));
  }

  @Override
  public TrackedIssue createActionItem(String incidentKey, String title, String owner, String dueDate) {
    String label = label(incidentKey) + "-" + Integer.toHexString(title.hashCode());
    TrackedIssue item = find(label).orElseGet(() -> create(jira.getActionItemIssueType(), title,
        "Action item of " + incidentKey + ". Owner: " + owner + ". Due: " + dueDate, List.of("firebreak-action", label)));
    find(label(incidentKey)).ifPresent(incident -> http.post().uri("/issueLink").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("type", Map.of("name", "Relates"), "inwardIssue", Map.of("key", item.key()),
            "outwardIssue", Map.of("key", incident.key())))
        .retrieve().toBodilessEntity());
    return item;
  }

  @Override
  public void comment(String incidentKey, String issueKey, String text) {
    http.post().uri("/issue/{key}/comment", issueKey).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("body", text(text))).retrieve().toBodilessEntity();
  }

  private Optional<TrackedIssue> find(String label) {
    JsonNode found = http.get().uri(uri -> uri.path("/search").queryParam("jql", "labels = \"" + label + "\"")
        .queryParam("fields", "key").queryParam("maxResults", 1).build()).retrieve().body(JsonNode.class);
    JsonNode issues = found == null ? null : found.path("issues");
    if (issues == null || issues.isEmpty()) {
      return Optional.empty();
    }
    String key = issues.get(0).path("key").asText();
    return Optional.of(new TrackedIssue(key, browse(key)));
  }

  private TrackedIssue create(String issueType, String summary, String description, List<String> labels) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("project", Map.of("key", jira.getProjectKey()));
    fields.put("issuetype", Map.of("name", issueType));
    fields.put("summary", summary.length() > 250 ? summary.substring(0, 250) : summary);
    fields.put("description", text(description));
    fields.put("labels", labels);
    JsonNode created = http.post().uri("/issue").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("fields", fields)).retrieve().body(JsonNode.class);
    String key = created.path("key").asText();
    return new TrackedIssue(key, browse(key));
  }

  /** v2 takes plain text; v3 an Atlassian Document Format document. */
  private Object text(String text) {
    if (jira.getApiVersion() < 3) {
      return text;
    }
    List<Map<String, Object>> paragraphs = java.util.Arrays.stream(text.split("\n"))
        .map(line -> line.isEmpty() ? Map.<String, Object>of("type", "paragraph")
            : Map.<String, Object>of("type", "paragraph", "content", List.of(Map.of("type", "text", "text", line))))
        .toList();
    return Map.of("type", "doc", "version", 1, "content", paragraphs);
  }

  private String browse(String key) {
    return jira.getBaseUrl().replaceAll("/$", "") + "/browse/" + key;
  }

  static String label(String incidentKey) {
    return "firebreak-" + incidentKey.toLowerCase();
  }

  private static String authorization(JiraProperties jira) {
    if (!jira.getPersonalAccessToken().isBlank()) {
      return "Bearer " + jira.getPersonalAccessToken();
    }
    return "Basic " + Base64.getEncoder().encodeToString((jira.getEmail() + ":" + jira.getApiToken())
        .getBytes(StandardCharsets.UTF_8));
  }
}
