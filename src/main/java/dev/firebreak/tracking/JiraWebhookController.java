package dev.firebreak.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.web.ApiProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jira's webhook ({@code jira:issue_updated}): an issue in the "done" status category is announced
 * to every {@link TrackedIssueDone} (the post-mortem marks its action item done and correlates
 * ActionItemDone to the follow-up waiting for it). Repeats (Jira
 * sends an update for every edit of a done issue) are answered 200 and change nothing. The shared
 * secret comes only in the header {@value #SECRET_HEADER}; the old {@code ?secret=} form is refused.
 */
@RestController
class JiraWebhookController {

  static final String SECRET_HEADER = "X-Firebreak-Webhook-Secret";

  private final JiraProperties jira;
  private final List<TrackedIssueDone> listeners;
  private final ObjectMapper json;

  JiraWebhookController(JiraProperties jira, List<TrackedIssueDone> listeners, ObjectMapper json) {
    this.jira = jira;
    this.listeners = listeners;
    this.json = json;
  }

  @PostMapping("/api/jira/webhook")
  @Transactional
  ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(value = SECRET_HEADER, required = false) String header,
      @RequestParam(value = "secret", required = false) String query) {
    if (query != null) {
      // a secret in the URL ends up in access logs and proxies: only the header is accepted
      return ApiProblems.problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "The ?secret= query parameter is refused: "
          + "send the webhook secret in the header " + SECRET_HEADER + " (and take it out of the webhook's URL)");
    }
    String presented = header;
    if (jira.getWebhookSecret().isBlank() || presented == null || !MessageDigest.isEqual(
        jira.getWebhookSecret().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
      return ApiProblems.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
          "Missing or wrong webhook secret: send firebreak.jira.webhook-secret in the header " + SECRET_HEADER);
    }
    JsonNode event;
    try {
      event = body == null ? null : json.readTree(body);
    } catch (IOException e) {
      event = null;
    }
    if (event == null || !event.isObject() || !event.path("issue").path("key").isTextual()) {
      return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input", "Expected a Jira webhook event with issue.key");
    }
    if (!"jira:issue_updated".equals(event.path("webhookEvent").asText())
        || !"done".equals(event.path("issue").path("fields").path("status").path("statusCategory").path("key").asText())) {
      return ResponseEntity.ok(Map.of("handled", false));
    }
    String issueKey = event.path("issue").path("key").asText();
    Optional<String> incidentKey = listeners.stream().map(listener -> listener.issueDone(issueKey))
        .flatMap(Optional::stream).findFirst();
    if (incidentKey.isEmpty()) {
      return ResponseEntity.ok(Map.of("handled", false));
    }
    return ResponseEntity.ok(Map.of("handled", true, "incident", incidentKey.get()));
  }
}
