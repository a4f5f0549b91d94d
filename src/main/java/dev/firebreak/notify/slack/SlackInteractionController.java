package dev.firebreak.notify.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slack interactivity (the buttons on the incident card): {@code POST /api/slack/interactions},
 * form-encoded with a {@code payload} field of JSON, signed by Slack. Open to everyone in security
 * and checked here against firebreak.slack.signing-secret. Answers 200 at once (Slack wants an
 * answer within three seconds); what the clicker is told goes to the payload's response_url as an
 * ephemeral message, which only they see.
 */
@RestController
class SlackInteractionController {

  static final String PATH = "/api/slack/interactions";
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final Logger log = LoggerFactory.getLogger(SlackInteractionController.class);

  private final SlackProperties properties;
  private final SlackAcknowledgements acknowledgements;
  private final ObjectMapper json;
  private final ObjectProvider<SlackChatChannel> chat;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  SlackInteractionController(SlackProperties properties, SlackAcknowledgements acknowledgements, ObjectMapper json,
      ObjectProvider<SlackChatChannel> chat) {
    this.properties = properties;
    this.chat = chat;
    this.acknowledgements = acknowledgements;
    this.json = json;
  }

  @PostMapping(path = PATH)
  ResponseEntity<?> interaction(HttpServletRequest request) throws IOException {
    // the raw body, byte for byte as signed: read before anything parses the form
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", "A Slack interaction is at most 1 MiB");
    }
    String refused = SlackSignature.problem(properties.getSigningSecret(), request.getHeader(SlackSignature.TIMESTAMP_HEADER),
        request.getHeader(SlackSignature.SIGNATURE_HEADER), body, java.time.Instant.now());
    if (refused != null) {
      return ApiProblems.problem(HttpStatus.UNAUTHORIZED, "Slack signature refused", refused);
    }
    String payloadText = formField(new String(body, StandardCharsets.UTF_8), "payload");
    JsonNode payload;
    try {
      payload = payloadText == null ? null : json.readTree(payloadText);
    } catch (IOException e) {
      payload = null;
    }
    if (payload == null || !payload.isObject()) {
      return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Not a Slack interaction",
          "Expected a form field 'payload' holding the interaction as JSON");
    }
    if ("block_actions".equals(payload.path("type").asText())) {
      for (JsonNode action : payload.path("actions")) {
        if (SlackIncidentCard.ACKNOWLEDGE.equals(action.path("action_id").asText())) {
          SlackAcknowledgements.Outcome outcome = acknowledgements.acknowledge(payload.path("user").path("id").asText(null),
              payload.path("user").path("username").asText(null), action.path("value").asText(null));
          replyEphemeral(payload.path("response_url").asText(null), outcome.reply());
          if (outcome.acknowledged()) {
            refreshCards(action.path("value").asText(null));
          }
        }
        // the link buttons (Open in Tasklist, Incident, Jira, Status page) open in the browser;
        // Slack still reports the click, which only needs the 200
      }
    }
    return ResponseEntity.ok().build();
  }

  /** Redraws the cards (Acknowledged, no more Acknowledge button) after answering Slack. */
  private void refreshCards(String incidentKey) {
    SlackChatChannel slack = chat.getIfAvailable();
    if (slack == null || incidentKey == null) {
      return;
    }
    CompletableFuture.runAsync(() -> {
      try {
        slack.refreshCards(incidentKey);
      } catch (RuntimeException e) {
        log.warn("Could not redraw the Slack cards of {} after an acknowledgement: {}", incidentKey, e.getMessage());
      }
    });
  }

  private void replyEphemeral(String responseUrl, String text) {
    if (responseUrl == null || responseUrl.isBlank()) {
      log.warn("Slack interaction without response_url; could not tell the user: {}", text);
      return;
    }
    String body;
    try {
      body = json.writeValueAsString(Map.of("response_type", "ephemeral", "replace_original", false, "text", text));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest reply = HttpRequest.newBuilder(URI.create(responseUrl)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    http.sendAsync(reply, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      if (error != null || response.statusCode() >= 300) {
        log.warn("Slack did not take the ephemeral reply ({}): {}",
            error != null ? error.toString() : "HTTP " + response.statusCode(), text);
      }
    });
  }

  static String formField(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
