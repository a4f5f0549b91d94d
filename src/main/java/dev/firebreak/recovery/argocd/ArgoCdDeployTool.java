package dev.firebreak.recovery.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.recovery.HttpDeployTool;
import dev.firebreak.recovery.DeploymentRequest;
import dev.firebreak.recovery.DeploymentResult;
import dev.firebreak.recovery.DeploymentTicket;
import dev.firebreak.recovery.Deployments;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpHeaders;
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
 * posting again. Hotfixes are not Argo CD's: they go through Git, and a person confirms them. When the
 * application has an Argo Rollouts {@code Rollout}, its canary can be aborted through Argo CD's resource
 * action {@code abort} as the fast mitigation.
 */
@Component
class ArgoCdDeployTool extends HttpDeployTool {

  static final String NAME = "argocd";
  static final String AUTO_SYNC_REFUSAL = "auto-sync";
  static final String ROLLOUT_KIND = "Rollout";
  static final String ROLLOUT_GROUP = "argoproj.io";
  static final String ABORT_ACTION = "abort";

  private final Deployments deployments;

  ArgoCdDeployTool(RestClient.Builder builder, ObjectMapper json, Incidents incidents, @Lazy Deployments deployments) {
    super(builder, json, incidents);
    this.deployments = deployments;
  }

  @Override
  protected String label() {
    return "Argo CD";
  }

  @Override
  public String name() {
    return NAME;
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
    if (request.action() == DeploymentRequest.Action.ABORT_CANARY) {
      return abort(http, argo, application, previous);
    }
    String parent = parent(application).orElse(null);
    JsonNode operation = application.path("status").path("operationState");
    if (retried(previous) && startedSince(operation, previous.requestedAt())) {
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

  /** Read while Diagnose and choose recovery is created: within {@link #TASK_READ_TIMEOUT}. */
  @Override
  public Optional<String> canary(FirebreakProperties.Deploy target) {
    FirebreakProperties.ArgoCd argo = target.getArgocd();
    RestClient http = client(argo.getServer(), argo.getToken(), status -> false, client -> client
        .requestFactory(http11(TASK_READ_TIMEOUT)).defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE));
    return rollout(application(http, argo)).map(ArgoCdDeployTool::rolloutName);
  }

  /** The application's Argo Rollouts Rollout (kind Rollout, group argoproj.io) in {@code status.resources}. */
  static Optional<JsonNode> rollout(JsonNode application) {
    for (JsonNode resource : application.path("status").path("resources")) {
      if (ROLLOUT_KIND.equals(resource.path("kind").asText()) && ROLLOUT_GROUP.equals(resource.path("group").asText())) {
        return Optional.of(resource);
      }
    }
    return Optional.empty();
  }

  private static String rolloutName(JsonNode rollout) {
    String namespace = rollout.path("namespace").asText("");
    return (namespace.isBlank() ? "" : namespace + "/") + rollout.path("name").asText();
  }

  /**
   * Runs the Rollout's {@code abort} resource action (the stable version takes all traffic again), once:
   * a retried job whose first attempt reached Argo CD finds {@code abort} no longer offered (the Rollout
   * has {@code status.abort}) and does not run it again. No Rollout: nothing is aborted (no reference).
   */
  private DeploymentTicket abort(RestClient http, FirebreakProperties.ArgoCd argo, JsonNode application,
      Deployments.Deployment previous) {
    String app = argo.getApplication();
    Optional<JsonNode> found = rollout(application);
    if (found.isEmpty()) {
      return new DeploymentTicket(null, false, incidents.words().get("recovery.canary.none", app));
    }
    JsonNode rollout = found.get();
    String name = rolloutName(rollout);
    String reference = "argocd-" + app + "-abort-" + rollout.path("name").asText();
    if (retried(previous) && !abortOffered(http, argo, rollout)) {
      return new DeploymentTicket(reference, false, incidents.words().get("recovery.canary.aborted", name, app));
    }
    runAction(http, argo, rollout, ABORT_ACTION);
    return new DeploymentTicket(reference, false, incidents.words().get("recovery.canary.aborted", name, app));
  }

  /** Whether Argo CD still offers the action {@code abort} on the Rollout (it does not once it is aborted). */
  private boolean abortOffered(RestClient http, FirebreakProperties.ArgoCd argo, JsonNode rollout) {
    JsonNode actions = http.get().uri(uri -> {
      uri.path("/api/v1/applications/{name}/resource/actions");
      resourceQuery(uri, argo, rollout);
      return uri.build(argo.getApplication());
    }).retrieve().body(JsonNode.class);
    for (JsonNode action : actions == null ? json.createArrayNode() : actions.path("actions")) {
      if (ABORT_ACTION.equals(action.path("name").asText())) {
        return !action.path("disabled").asBoolean(false);
      }
    }
    return false;
  }

  /**
   * A resource action: {@code POST /api/v1/applications/{name}/resource/actions/v2} with every field in
   * the JSON body on Argo CD 3.1+, the older {@code /resource/actions} before (the resource in the query,
   * the body the action's name as a JSON string).
   */
  private void runAction(RestClient http, FirebreakProperties.ArgoCd argo, JsonNode resource, String action) {
    if (v3_1OrLater(http)) {
      ObjectNode body = json.createObjectNode();
      body.put("name", argo.getApplication());
      body.put("namespace", resource.path("namespace").asText(""));
      body.put("resourceName", resource.path("name").asText());
      body.put("version", resource.path("version").asText());
      body.put("group", resource.path("group").asText());
      body.put("kind", resource.path("kind").asText());
      body.put("action", action);
      scope(body, argo);
      http.post().uri("/api/v1/applications/{name}/resource/actions/v2", argo.getApplication())
          .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    } else {
      http.post().uri(uri -> {
        uri.path("/api/v1/applications/{name}/resource/actions");
        resourceQuery(uri, argo, resource);
        return uri.build(argo.getApplication());
      }).contentType(MediaType.APPLICATION_JSON).body(json.getNodeFactory().textNode(action)).retrieve().toBodilessEntity();
    }
  }

  private static void resourceQuery(org.springframework.web.util.UriBuilder uri, FirebreakProperties.ArgoCd argo,
      JsonNode resource) {
    uri.queryParam("namespace", resource.path("namespace").asText(""))
        .queryParam("resourceName", resource.path("name").asText())
        .queryParam("version", resource.path("version").asText())
        .queryParam("group", resource.path("group").asText())
        .queryParam("kind", resource.path("kind").asText());
    if (!argo.getAppNamespace().isBlank()) {
      uri.queryParam("appNamespace", argo.getAppNamespace());
    }
    if (!argo.getProject().isBlank()) {
      uri.queryParam("project", argo.getProject());
    }
  }

  /** Argo CD's version ({@code GET /api/version}) is 3.1 or later. */
  private boolean v3_1OrLater(RestClient http) {
    return enabledFieldKnown(http.get().uri("/api/version").retrieve().body(JsonNode.class).path("Version").asText(""));
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
    String followUp = (previousPolicy != null
        ? incidents.words().get("recovery.argocd.followUp.restored", app, revision, previousPolicy)
        : incidents.words().get("recovery.argocd.followUp", app, revision, "-")) + parentWarning(app, parent);
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
    String patch = v3_1OrLater(http)
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

  /**
   * Auto-sync back on: {@code spec.syncPolicy.automated} set to the remembered policy by a merge patch,
   * with {@code enabled: true} on Argo CD 3.1+ (where switching off left {@code enabled: false}).
   */
  @Override
  public void restoreSyncPolicy(FirebreakProperties.Deploy target, String policy) {
    FirebreakProperties.ArgoCd argo = target.getArgocd();
    RestClient http = client(argo);
    ObjectNode automated;
    try {
      automated = json.readTree(policy) instanceof ObjectNode remembered ? remembered : json.createObjectNode();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("The remembered sync policy of " + argo.getApplication() + " is not JSON: " + policy);
    }
    if (v3_1OrLater(http)) {
      automated.put("enabled", true);
    } else {
      automated.remove("enabled");
    }
    ObjectNode patch = json.createObjectNode();
    patch.putObject("spec").putObject("syncPolicy").set("automated", automated);
    ObjectNode body = json.createObjectNode();
    body.put("name", argo.getApplication());
    body.put("patch", patch.toString());
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

  /** Argo CD's refusals are its gRPC errors as the REST gateway answers them ({@code {"error","code","message"}}). */
  private RestClient client(FirebreakProperties.ArgoCd argo) {
    return client(argo.getServer(), argo.getToken(), status -> status == 400 || status == 412,
        client -> client.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE));
  }
}
