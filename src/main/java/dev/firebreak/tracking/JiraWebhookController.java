package dev.firebreak.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.postmortem.PostmortemProcess;
import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.postmortem.Postmortems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Jira's webhook: an action item issue moving to a "done" status marks the action item done. */
@RestController
class JiraWebhookController {

  private final JiraProperties jira;
  private final Postmortems postmortems;
  private final Incidents incidents;
  private final RuntimeService runtime;
  private final ObjectMapper json;

  JiraWebhookController(JiraProperties jira, Postmortems postmortems, Incidents incidents,
      @Lazy RuntimeService runtime, ObjectMapper json) {
    this.jira = jira;
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.runtime = runtime;
    this.json = json;
  }

  @PostMapping("/api/jira/webhook")
  @Transactional
  ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(value = "X-Firebreak-Webhook-Secret", required = false) String header,
      @RequestParam(value = "secret", required = false) String query) {
    String presented = header != null ? header : query;
    if (jira.getWebhookSecret().isBlank() || presented == null || !MessageDigest.isEqual(
        jira.getWebhookSecret().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
      return ApiProblems.problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "Missing or wrong webhook secret (firebreak.jira.webhook-secret)");
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
    Optional<String> incidentKey = postmortems.markActionItemDone(issueKey);
    if (incidentKey.isEmpty()) {
      return ResponseEntity.ok(Map.of("handled", false));
    }
    incidents.note(incidentKey.get(), null, TimelineEntry.Kind.TRACKING, "Action item " + issueKey + " is done",
        Map.of("issue", issueKey));
    runtime.createMessageCorrelation(PostmortemProcess.MESSAGE_ACTION_ITEM_DONE)
        .processInstanceBusinessKey(incidentKey.get()).setVariable("actionItemKey", issueKey)
        .correlateAllWithResult();
    return ResponseEntity.ok(Map.of("handled", true, "incident", incidentKey.get()));
  }
}
