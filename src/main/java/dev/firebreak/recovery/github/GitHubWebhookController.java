package dev.firebreak.recovery.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.recovery.DeploymentResult;
import dev.firebreak.recovery.Deployments;
import dev.firebreak.recovery.RecoveryProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * GitHub's {@code workflow_run} webhook: the body's HMAC-SHA256 with the webhook secret must equal
 * {@code X-Hub-Signature-256}; each {@code X-GitHub-Delivery} is handled once. A completed run finishes
 * the running deployment it belongs to (by run id, or by the request id in its run-name), and its
 * recovery goes on. GitHub never redelivers a failed delivery: the poll is the backstop.
 */
@RestController
class GitHubWebhookController {

  private final RecoveryProperties properties;
  private final Deployments deployments;
  private final ObjectMapper json;

  GitHubWebhookController(RecoveryProperties properties, Deployments deployments, ObjectMapper json) {
    this.properties = properties;
    this.deployments = deployments;
    this.json = json;
  }

  @PostMapping("/api/deployments/github")
  ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(value = "X-Hub-Signature-256", required = false) String signature,
      @RequestHeader(value = "X-GitHub-Event", required = false) String event,
      @RequestHeader(value = "X-GitHub-Delivery", required = false) String delivery) {
    if (!signed(body, signature)) {
      return ApiProblems.problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "Missing or wrong X-Hub-Signature-256: "
          + "set the webhook's secret to firebreak.recovery.github-webhook-secret");
    }
    JsonNode payload;
    try {
      payload = json.readTree(body);
    } catch (IOException e) {
      payload = null;
    }
    if (payload == null || !payload.isObject()) {
      return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input", "Expected a GitHub webhook payload (JSON)");
    }
    if (!"workflow_run".equals(event) || !"completed".equals(payload.path("action").asText())) {
      return ResponseEntity.ok(Map.of("handled", false, "reason", "only completed workflow_run events finish a deployment"));
    }
    JsonNode run = payload.path("workflow_run");
    Optional<DeploymentResult> result = GitHubActionsDeployTool.result(run);
    if (result.isEmpty() || delivery == null || delivery.isBlank()) {
      return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input",
          "Expected a completed workflow_run with status and conclusion, and the X-GitHub-Delivery header");
    }
    String runId = run.path("id").asText();
    String title = run.path("display_title").asText("");
    Deployments.Callback handled = deployments.callback(GitHubActionsDeployTool.NAME, "github:" + delivery,
        payload.path("repository").path("full_name").asText(),
        deployment -> runId.equals(deployment.reference()) || title.contains(deployment.requestId()), result.get());
    return ResponseEntity.ok(Map.of("handled", handled == Deployments.Callback.HANDLED, "result", handled.name().toLowerCase()));
  }

  private boolean signed(byte[] body, String signature) {
    String secret = properties.getGithubWebhookSecret();
    if (secret.isBlank() || signature == null || body == null || !signature.startsWith("sha256=")) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      return false;
    }
  }
}
