package dev.firebreak.recovery.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.recovery.DeploymentResult;
import dev.firebreak.recovery.Deployments;
import dev.firebreak.recovery.RecoveryProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Argo CD Notifications' webhook ({@code on-deployed}, {@code on-sync-failed}, {@code on-health-degraded};
 * the template is in README.md): the shared secret in {@value #SECRET_HEADER}; the running deployments of
 * that application finish, and their recoveries go on. A repeated delivery (same application, trigger
 * and operation start) is answered 200 and changes nothing; a sync Firebreak did not ask for, too.
 */
@RestController
class ArgoCdCallbackController {

  static final String SECRET_HEADER = "X-Firebreak-Webhook-Secret";

  private final RecoveryProperties properties;
  private final Deployments deployments;
  private final ObjectMapper json;

  ArgoCdCallbackController(RecoveryProperties properties, Deployments deployments, ObjectMapper json) {
    this.properties = properties;
    this.deployments = deployments;
    this.json = json;
  }

  @PostMapping("/api/deployments/argocd")
  ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(value = SECRET_HEADER, required = false) String secret) {
    String expected = properties.getArgocdWebhookSecret();
    if (expected.isBlank() || secret == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        secret.getBytes(StandardCharsets.UTF_8))) {
      return ApiProblems.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
          "Missing or wrong webhook secret: send firebreak.recovery.argocd-webhook-secret in the header " + SECRET_HEADER);
    }
    JsonNode event;
    try {
      event = body == null ? null : json.readTree(body);
    } catch (IOException e) {
      event = null;
    }
    if (event == null || !event.path("app").isTextual() || !event.path("trigger").isTextual()) {
      return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input",
          "Expected the Argo CD Notifications template of README.md: {\"app\", \"trigger\", \"revision\", \"phase\", "
              + "\"health\", \"message\", \"startedAt\"}");
    }
    String app = event.path("app").asText();
    String trigger = event.path("trigger").asText();
    DeploymentResult result = switch (trigger) {
      case "on-deployed" -> DeploymentResult.succeeded("Argo CD deployed revision " + event.path("revision").asText("")
          + ", health " + event.path("health").asText("Healthy"));
      case "on-sync-failed" -> DeploymentResult.failed("Argo CD sync " + event.path("phase").asText("Failed") + ": "
          + event.path("message").asText(""));
      case "on-health-degraded" -> DeploymentResult.failed("Argo CD health " + event.path("health").asText("Degraded")
          + ": " + event.path("message").asText(""));
      default -> null;
    };
    if (result == null) {
      return ResponseEntity.ok(Map.of("handled", false, "reason", "trigger " + trigger + " is not a deployment outcome"));
    }
    Instant startedAt = instant(event.path("startedAt").asText(""));
    String delivery = "argocd:" + app + ":" + trigger + ":" + event.path("startedAt").asText("")
        + ":" + event.path("revision").asText("");
    Deployments.Callback handled = deployments.callback(ArgoCdDeployTool.NAME, delivery, app,
        deployment -> startedAt == null || !startedAt.isBefore(deployment.requestedAt().minusSeconds(1)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), result);
    return ResponseEntity.ok(Map.of("handled", handled == Deployments.Callback.HANDLED, "result", handled.name().toLowerCase()));
  }

  private static Instant instant(String text) {
    try {
      return text.isBlank() ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
