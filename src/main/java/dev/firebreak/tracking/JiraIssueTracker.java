package dev.firebreak.tracking;

import dev.firebreak.platform.security.Hashes;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

  static final String COMMENT_PROPERTY = "firebreak.comment";
  private static final int RECENT_COMMENTS = 20;
  private static final String DONE = "done";

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
  public String browseUrl(String issueKey) {
    return issueKey == null ? null : jira.getBaseUrl().replaceAll("/$", "") + "/browse/" + issueKey;
  }

  @Override
  public TrackedIssue createIncidentIssue(String incidentKey, String summary, String description) {
    String label = label(incidentKey);
    return find(label).orElseGet(() -> create(jira.getIssueType(), summary, description, List.of("firebreak", label)));
  }

  @Override
  public TrackedIssue createActionItem(String incidentKey, String incidentIssueKey, int index, String title,
      String owner, String dueDate) {
    String label = label(incidentKey) + "-item-" + index;
    TrackedIssue item = find(label).orElseGet(() -> create(jira.getActionItemIssueType(), title,
        "Action item of " + incidentKey + ". Owner: " + owner + ". Due: " + dueDate, List.of("firebreak-action", label)));
    if (incidentIssueKey != null && !linked(item.key(), incidentIssueKey)) {
      http.post().uri("/issueLink").contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("type", Map.of("name", jira.getActionItemLinkType()), "inwardIssue", Map.of("key", item.key()),
              "outwardIssue", Map.of("key", incidentIssueKey)))
          .retrieve().toBodilessEntity();
    }
    return item;
  }

  /**
   * Each comment carries the property firebreak.comment = sha-256 of its text; a retry that finds that
   * property, or the same text, on one of the issue's latest comments does not post again (Jira
   * versions that leave properties out of the comment list are still matched by the text).
   */
  @Override
  public void comment(String incidentKey, String issueKey, String text) {
    String fingerprint = Hashes.sha256Hex(text);
    JsonNode latest = http.get().uri(uri -> uri.path("/issue/{key}/comment").queryParam("orderBy", "-created")
        .queryParam("maxResults", RECENT_COMMENTS).queryParam("expand", "properties").build(issueKey))
        .retrieve().body(JsonNode.class);
    if (latest != null) {
      for (JsonNode comment : latest.path("comments")) {
        if (text.equals(plainText(comment.path("body")))) {
          return;
        }
        for (JsonNode property : comment.path("properties")) {
          if (COMMENT_PROPERTY.equals(property.path("key").asText())
              && fingerprint.equals(property.path("value").path("sha256").asText())) {
            return;
          }
        }
      }
    }
    http.post().uri("/issue/{key}/comment", issueKey).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("body", text(text), "properties", List.of(Map.of("key", COMMENT_PROPERTY,
            "value", Map.of("sha256", fingerprint, "incident", incidentKey)))))
        .retrieve().toBodilessEntity();
  }

  /**
   * Finds the transition by name (the configured names, in order, matched against the transition's
   * name or its target status), else any transition into the "done" category; an issue already in
   * the target status is left alone, and a resolved stage is not pushed further once the issue is done.
   */
  @Override
  public TransitionOutcome transition(String incidentKey, String issueKey, TrackingStage stage) {
    JsonNode status = http.get().uri(uri -> uri.path("/issue/{key}").queryParam("fields", "status").build(issueKey))
        .retrieve().body(JsonNode.class).path("fields").path("status");
    String current = status.path("name").asText();
    boolean done = DONE.equals(status.path("statusCategory").path("key").asText());
    if (stage == TrackingStage.RESOLVED && done) {
      return new TransitionOutcome(false, current);
    }
    JsonNode offered = http.get().uri(uri -> uri.path("/issue/{key}/transitions")
        .queryParam("expand", "transitions.fields").build(issueKey)).retrieve().body(JsonNode.class);
    List<JsonNode> candidates = new ArrayList<>();
    if (offered != null) {
      offered.path("transitions").forEach(t -> {
        if (!t.path("to").path("name").asText().equalsIgnoreCase(current)) {
          candidates.add(t);
        }
      });
    }
    List<String> names = stage == TrackingStage.RESOLVED ? jira.getResolveTransitions() : jira.getCloseTransitions();
    Optional<JsonNode> chosen = names.stream().flatMap(name -> candidates.stream()
            .filter(t -> name.equalsIgnoreCase(t.path("name").asText())
                || name.equalsIgnoreCase(t.path("to").path("name").asText())))
        .findFirst();
    if (chosen.isEmpty() && done) {
      return new TransitionOutcome(false, current);
    }
    JsonNode transition = chosen.or(() -> candidates.stream()
            .filter(t -> DONE.equals(t.path("to").path("statusCategory").path("key").asText())).findFirst())
        .orElseThrow(() -> new IllegalStateException("Jira offers no transition to " + stage.label().toLowerCase()
            + " " + issueKey + " from '" + current + "' (looked for " + names + " or any into the done category;"
            + " set firebreak.jira." + (stage == TrackingStage.RESOLVED ? "resolve" : "close") + "-transitions)"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("transition", Map.of("id", transition.path("id").asText()));
    if (transition.path("fields").has("resolution")) {
      body.put("fields", Map.of("resolution", Map.of("name", jira.getResolution())));
    }
    http.post().uri("/issue/{key}/transitions", issueKey).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toBodilessEntity();
    return new TransitionOutcome(true, transition.path("to").path("name").asText());
  }

  private boolean linked(String itemKey, String incidentIssueKey) {
    JsonNode links = http.get().uri(uri -> uri.path("/issue/{key}").queryParam("fields", "issuelinks").build(itemKey))
        .retrieve().body(JsonNode.class);
    if (links == null) {
      return false;
    }
    for (JsonNode link : links.path("fields").path("issuelinks")) {
      if (incidentIssueKey.equals(link.path("outwardIssue").path("key").asText())
          || incidentIssueKey.equals(link.path("inwardIssue").path("key").asText())) {
        return true;
      }
    }
    return false;
  }

  /** A comment body as text: v2 gives it as is; of a v3 ADF document, the text of each paragraph, one a line. */
  private static String plainText(JsonNode body) {
    if (body.isTextual()) {
      return body.asText();
    }
    List<String> lines = new ArrayList<>();
    for (JsonNode block : body.path("content")) {
      StringBuilder line = new StringBuilder();
      block.path("content").forEach(inline -> line.append(inline.path("text").asText()));
      lines.add(line.toString());
    }
    return String.join("\n", lines);
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
