package dev.firebreak.recovery.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.recovery.DeployTool;
import dev.firebreak.recovery.DeploymentRequest;
import dev.firebreak.recovery.DeploymentResult;
import dev.firebreak.recovery.DeploymentTicket;
import dev.firebreak.recovery.Deployments;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Argo CD through its REST API (Bearer token): a rollback reads the application, chooses the newest
 * history entry whose revision differs from the current one and did not fail before, and posts
 * {@code /api/v1/applications/{name}/rollback} with its id. Argo CD refuses a rollback while auto-sync
 * is on; then, by the service's {@code auto-sync} setting, a person reverts the change in Git
 * ({@code revert-in-git}, the default) or Firebreak switches auto-sync off first, remembering the old
 * policy ({@code disable-auto-sync}: {@code automated.enabled=false} on Argo CD 3.1+, {@code automated}
 * removed before). A retried request adopts an operation that started after the request instead of
 * posting again. Hotfixes are not Argo CD's: they go through Git, and a person confirms them.
 */
@Component
class ArgoCdDeployTool implements DeployTool {

  static final String NAME = "argocd";
  static final String AUTO_SYNC_REFUSAL = "auto-sync";

  private final RestClient.Builder builder;
  private final ObjectMapper json;
  private final Incidents incidents;
  private final Deployments deployments;

  ArgoCdDeployTool(RestClient.Builder builder, ObjectMapper json, Incidents incidents, @Lazy Deployments deployments) {
    this.builder = builder;
    this.json = json;
    this.incidents = incidents;
    this.deployments = deployments;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Argo CD refused: its gRPC error as the REST gateway answers it ({@code {"error","code","message"}}). */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  @Override
  public DeploymentTicket request(DeploymentRequest request, Deployments.Deployment previous) {
    FirebreakProperties.ArgoCd argo = request.target().getArgocd();
    String app = argo.getApplication();
    if (request.action() == DeploymentRequest.Action.HOTFIX) {
      return new DeploymentTicket("argocd-" + app + "-hotfix", false,
          incidents.words().get("recovery.recorded.instructions", incidents.words().get("recovery.recorded.hotfix",
              request.service(), request.version())));
    }
    RestClient http = client(argo);
    JsonNode application = application(http, argo);
    String parent = parent(application).orElse(null);
    JsonNode operation = application.path("status").path("operationState");
    if (previous.attempts() > 0 && startedSince(operation, previous.requestedAt())) {
      // the first attempt's rollback reached Argo CD (its answer was lost): adopt it
      String revision = operation.path("operation").path("sync").path("revision").asText(null);
      return rolledBack(app, revision, "adopted", null, parent);
    }
    String current = application.path("status").path("sync").path("revision").asText("");
    Optional<JsonNode> entry = choose(application, current, request.version());
    if (entry.isEmpty()) {
      return new DeploymentTicket("argocd-" + app, false, incidents.words().get("recovery.argocd.noHistory", app, current));
    }
    long id = entry.get().path("id").asLong();
    String revision = entry.get().path("revision").asText();
    try {
      rollback(http, argo, id);
      return rolledBack(app, revision, String.valueOf(id), null, parent);
    } catch (Refused refused) {
      if (!refused.getMessage().contains(AUTO_SYNC_REFUSAL)) {
        throw new IllegalStateException("Argo CD refused the rollback of " + app + ": " + refused.getMessage());
      }
      if (!"disable-auto-sync".equals(argo.getAutoSync())) {
        return new DeploymentTicket("argocd-" + app + "-revert", true,
            incidents.words().get("recovery.argocd.revertInGit", app, revision, refused.getMessage())
                + parentWarning(app, parent), true, revision, null, null);
      }
      String previousPolicy = application.path("spec").path("syncPolicy").path("automated").toString();
      disableAutoSync(http, argo);
      rollback(http, argo, id);
      return rolledBack(app, revision, String.valueOf(id), previousPolicy, parent);
    }
  }

  @Override
  public Optional<DeploymentResult> poll(DeploymentRequest request, Deployments.Deployment deployment) {
    FirebreakProperties.ArgoCd argo = request.target().getArgocd();
    JsonNode application = application(client(argo), argo);
    JsonNode operation = application.path("status").path("operationState");
    if (!startedSince(operation, deployment.requestedAt())) {
      return Optional.empty();
    }
    String phase = operation.path("phase").asText("");
    String message = operation.path("message").asText("");
    String health = application.path("status").path("health").path("status").asText("");
    return switch (phase) {
      case "Failed", "Error" -> Optional.of(DeploymentResult.failed("Argo CD " + phase + ": " + message));
      case "Succeeded" -> switch (health) {
        case "Healthy" -> Optional.of(DeploymentResult.succeeded("Argo CD synced revision "
            + operation.path("syncResult").path("revision").asText(operation.path("operation").path("sync").path("revision").asText(""))
            + ", health Healthy"));
        case "Degraded", "Missing" -> Optional.of(DeploymentResult.failed("Argo CD synced, health " + health + ": "
            + application.path("status").path("health").path("message").asText(message)));
        default -> Optional.empty();
      };
      default -> Optional.empty();
    };
  }

  /**
   * The entry to roll back to: the one whose revision or source target revision is the version asked
   * for, else the newest whose revision differs from the current one and never failed a Firebreak
   * deployment (Argo CD's history carries no health of its own).
   */
  Optional<JsonNode> choose(JsonNode application, String current, String version) {
    Set<String> bad = new HashSet<>();
    bad.add(current);
    String app = application.path("metadata").path("name").asText();
    deployments.failedOn(NAME, app).forEach(failed -> {
      if (failed.revision() != null) {
        bad.add(failed.revision());
      }
    });
    JsonNode history = application.path("status").path("history");
    JsonNode asked = null;
    JsonNode newest = null;
    for (JsonNode entry : history) {
      String revision = entry.path("revision").asText("");
      if (bad.contains(revision)) {
        continue;
      }
      if (version != null && !version.isBlank() && (revision.startsWith(version)
          || version.equals(entry.path("source").path("targetRevision").asText()))) {
        asked = asked == null || entry.path("id").asLong() > asked.path("id").asLong() ? entry : asked;
      }
      newest = newest == null || entry.path("id").asLong() > newest.path("id").asLong() ? entry : newest;
    }
    return Optional.ofNullable(asked != null ? asked : newest);
  }

  private DeploymentTicket rolledBack(String app, String revision, String id, String previousPolicy, String parent) {
    String details = incidents.words().get("recovery.argocd.rollback", app, revision, id);
    if (previousPolicy != null) {
      details += " " + incidents.words().get("recovery.argocd.autoSyncOff", app, previousPolicy);
    }
    String policy = previousPolicy != null ? previousPolicy : "-";
    String followUp = incidents.words().get("recovery.argocd.followUp", app, revision, policy) + parentWarning(app, parent);
    return new DeploymentTicket("argocd-" + app + "-" + id, true, details + parentWarning(app, parent), false, revision,
        previousPolicy, followUp);
  }

  private String parentWarning(String app, String parent) {
    return parent == null ? "" : " " + incidents.words().get("recovery.argocd.parent", app, parent);
  }

  /** The ApplicationSet or parent application (app of apps) that owns this application, if any. */
  static Optional<String> parent(JsonNode application) {
    JsonNode metadata = application.path("metadata");
    for (JsonNode owner : metadata.path("ownerReferences")) {
      String kind = owner.path("kind").asText();
      if ("ApplicationSet".equals(kind) || "Application".equals(kind)) {
        return Optional.of(kind + " " + owner.path("name").asText());
      }
    }
    // annotation tracking: "<parent app>:argoproj.io/Application:<namespace>/<name>"
    String tracking = metadata.path("annotations").path("argocd.argoproj.io/tracking-id").asText("");
    if (tracking.contains(":argoproj.io/Application:")) {
      return Optional.of("Application " + tracking.substring(0, tracking.indexOf(':')));
    }
    String instance = metadata.path("labels").path("app.kubernetes.io/instance").asText("");
    if (!instance.isBlank() && !instance.equals(metadata.path("name").asText())) {
      return Optional.of("Application " + instance);
    }
    return Optional.empty();
  }

  static boolean startedSince(JsonNode operation, Instant since) {
    String startedAt = operation.path("startedAt").asText("");
    if (startedAt.isBlank()) {
      return false;
    }
    try {
      return !Instant.parse(startedAt).isBefore(since.minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private JsonNode application(RestClient http, FirebreakProperties.ArgoCd argo) {
    return http.get().uri(uri -> {
      uri.path("/api/v1/applications/{name}");
      if (!argo.getAppNamespace().isBlank()) {
        uri.queryParam("appNamespace", argo.getAppNamespace());
      }
      if (!argo.getProject().isBlank()) {
        uri.queryParam("project", argo.getProject());
      }
      return uri.build(argo.getApplication());
    }).retrieve().body(JsonNode.class);
  }

  private void rollback(RestClient http, FirebreakProperties.ArgoCd argo, long id) {
    ObjectNode body = json.createObjectNode();
    body.put("name", argo.getApplication());
    body.put("id", id);
    body.put("dryRun", false);
    body.put("prune", false);
    scope(body, argo);
    http.post().uri("/api/v1/applications/{name}/rollback", argo.getApplication()).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toBodilessEntity();
  }

  private void disableAutoSync(RestClient http, FirebreakProperties.ArgoCd argo) {
    String version = http.get().uri("/api/version").retrieve().body(JsonNode.class).path("Version").asText("");
    String patch = enabledFieldKnown(version)
        ? "{\"spec\":{\"syncPolicy\":{\"automated\":{\"enabled\":false}}}}"
        : "{\"spec\":{\"syncPolicy\":{\"automated\":null}}}";
    ObjectNode body = json.createObjectNode();
    body.put("name", argo.getApplication());
    body.put("patch", patch);
    body.put("patchType", "merge");
    scope(body, argo);
    http.patch().uri("/api/v1/applications/{name}", argo.getApplication()).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toBodilessEntity();
  }

  /** {@code spec.syncPolicy.automated.enabled} exists from Argo CD 3.1 on ("v3.1.0+8ab3e4b"). */
  static boolean enabledFieldKnown(String version) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+)\\.(\\d+)").matcher(version);
    if (!m.find()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 3 || (major == 3 && minor >= 1);
  }

  private static void scope(ObjectNode body, FirebreakProperties.ArgoCd argo) {
    if (!argo.getAppNamespace().isBlank()) {
      body.put("appNamespace", argo.getAppNamespace());
    }
    if (!argo.getProject().isBlank()) {
      body.put("project", argo.getProject());
    }
  }

  private RestClient client(FirebreakProperties.ArgoCd argo) {
    return builder.clone().baseUrl(argo.getServer().replaceAll("/$", ""))
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + argo.getToken())
        .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
        .defaultStatusHandler(HttpStatusCode::isError, (req, response) -> {
          String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
          String message = body;
          try {
            message = json.readTree(body).path("message").asText(body);
          } catch (Exception notJson) {
            // keep the body
          }
          if (response.getStatusCode().value() == 400 || response.getStatusCode().value() == 412) {
            throw new Refused(response.getStatusCode().value(), message);
          }
          throw new IllegalStateException("Argo CD answered " + response.getStatusCode().value() + " to "
              + req.getMethod() + " " + req.getURI().getPath() + ": " + message);
        })
        .build();
  }
}
