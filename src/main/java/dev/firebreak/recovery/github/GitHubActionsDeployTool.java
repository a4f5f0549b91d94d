package dev.firebreak.recovery.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.recovery.HotfixChange;
import dev.firebreak.recovery.HttpDeployTool;
import dev.firebreak.recovery.DeploymentRequest;
import dev.firebreak.recovery.DeploymentResult;
import dev.firebreak.recovery.DeploymentTicket;
import dev.firebreak.recovery.Deployments;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * GitHub Actions through the REST API (Bearer: an App installation token or a fine-grained token):
 * {@code workflow_dispatch} of the service's rollback or hotfix workflow with the inputs
 * {@code incident}, {@code service}, {@code version}, {@code request_id}, asking for
 * {@code return_run_details} to learn the run id at once. A server that refuses that field (422) is
 * asked again without it, and the run is then found by the request id in its {@code run-name}
 * ({@code display_title}). A retried request looks for the run of its request id before it
 * dispatches again.
 */
@Component
class GitHubActionsDeployTool extends HttpDeployTool {

  static final String NAME = "github";
  static final String CORRELATING = "request:";
  /** A pull request's link, {@code #123} or {@code 123}. */
  static final Pattern PULL_NUMBER = Pattern.compile("^(?:https?://[^\\s]+/pull/|#)?(\\d+)/?$");

  GitHubActionsDeployTool(RestClient.Builder builder, ObjectMapper json, Incidents incidents) {
    super(builder, json, incidents);
  }

  @Override
  protected String label() {
    return "GitHub";
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DeploymentTicket request(DeploymentRequest request, Deployments.Deployment previous) {
    if (request.action() == DeploymentRequest.Action.ABORT_CANARY) {
      return new DeploymentTicket(null, false, incidents.words().get("recovery.canary.unsupported", "GitHub Actions"));
    }
    FirebreakProperties.GitHub github = request.target().getGithub();
    String workflow = workflow(request);
    RestClient http = client(github);
    if (retried(previous)) {
      Optional<JsonNode> run = findRun(http, github, workflow, request.requestId(), previous.requestedAt());
      if (run.isPresent()) {
        return ticket(github, workflow, run.get().path("id").asText(), run.get().path("html_url").asText(null));
      }
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("incident", request.incidentKey());
    inputs.put("service", request.service());
    inputs.put("version", request.version());
    inputs.put("request_id", request.requestId());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", github.getRef());
    body.put("inputs", inputs);
    body.put("return_run_details", true);
    ResponseEntity<JsonNode> answer;
    try {
      answer = dispatch(http, github, workflow, body);
    } catch (Refused refused) {
      if (refused.status() != 422 || !refused.getMessage().contains("return_run_details")) {
        throw new IllegalStateException("GitHub refused the dispatch of " + workflow + ": " + refused.getMessage());
      }
      body.remove("return_run_details");
      answer = dispatch(http, github, workflow, body);
    }
    JsonNode details = answer.getBody();
    if (details != null && details.hasNonNull("workflow_run_id")) {
      return ticket(github, workflow, details.path("workflow_run_id").asText(), details.path("html_url").asText(null));
    }
    return new DeploymentTicket(CORRELATING + request.requestId(), true,
        incidents.words().get("recovery.github.correlating", workflow, github.getRepository(), request.requestId()));
  }

  @Override
  public Optional<DeploymentResult> poll(DeploymentRequest request, Deployments.Deployment deployment) {
    FirebreakProperties.GitHub github = request.target().getGithub();
    RestClient http = client(github);
    Optional<JsonNode> run = deployment.reference() != null && !deployment.reference().startsWith(CORRELATING)
        ? Optional.ofNullable(http.get().uri("/repos/{owner}/{repo}/actions/runs/{id}", owner(github), repo(github), deployment.reference()).retrieve().body(JsonNode.class))
        : findRun(http, github, workflow(request), request.requestId(), deployment.requestedAt());
    return run.flatMap(GitHubActionsDeployTool::result);
  }

  /**
   * The hotfix's pull request: {@code hotfixReference} is its link ({@code .../pull/123}), {@code #123}
   * or the head branch ({@code GET /repos/{o}/{r}/pulls?head=owner:branch}); then the check runs of its
   * head commit ({@code GET /repos/{o}/{r}/commits/{sha}/check-runs}). Empty when no pull request matches.
   */
  @Override
  public Optional<HotfixChange> change(FirebreakProperties.Deploy target, String ref) {
    FirebreakProperties.GitHub github = target.getGithub();
    RestClient http = client(github, TASK_READ_TIMEOUT);
    String wanted = ref.trim();
    Matcher number = PULL_NUMBER.matcher(wanted);
    JsonNode pull;
    if (number.matches()) {
      pull = http.get().uri("/repos/{owner}/{repo}/pulls/{number}", owner(github), repo(github), number.group(1))
          .retrieve().body(JsonNode.class);
    } else {
      String branch = wanted.startsWith("refs/heads/") ? wanted.substring("refs/heads/".length()) : wanted;
      JsonNode pulls = http.get().uri(uri -> uri.path("/repos/{owner}/{repo}/pulls")
          .queryParam("head", owner(github) + ":" + branch).queryParam("state", "all").queryParam("per_page", 1)
          .build(owner(github), repo(github))).retrieve().body(JsonNode.class);
      pull = pulls == null || pulls.isEmpty() ? null : pulls.get(0);
    }
    if (pull == null || !pull.hasNonNull("number")) {
      return Optional.empty();
    }
    String sha = pull.path("head").path("sha").asText();
    JsonNode runs = http.get().uri(uri -> uri.path("/repos/{owner}/{repo}/commits/{sha}/check-runs")
        .queryParam("per_page", 100).build(owner(github), repo(github), sha)).retrieve().body(JsonNode.class);
    List<HotfixChange.Check> checks = new ArrayList<>();
    if (runs != null) {
      for (JsonNode run : runs.path("check_runs")) {
        checks.add(new HotfixChange.Check(run.path("name").asText(), run.path("status").asText(),
            run.path("conclusion").isNull() ? null : run.path("conclusion").asText(null), run.path("html_url").asText(null)));
      }
    }
    return Optional.of(new HotfixChange(pull.path("number").asLong(), pull.path("title").asText(),
        pull.path("html_url").asText(), sha, pull.path("user").path("login").asText(), checks));
  }

  /** A completed run's outcome: success, or the conclusion (failure, cancelled, timed_out…) as a failure. */
  static Optional<DeploymentResult> result(JsonNode run) {
    if (!"completed".equals(run.path("status").asText())) {
      return Optional.empty();
    }
    String conclusion = run.path("conclusion").asText("");
    String what = "GitHub Actions run " + run.path("html_url").asText(run.path("id").asText());
    return Optional.of("success".equals(conclusion) ? DeploymentResult.succeeded(what + " succeeded")
        : DeploymentResult.failed(what + " concluded " + conclusion));
  }

  /** The run of this request: its run-name (display_title) carries the request id. */
  private Optional<JsonNode> findRun(RestClient http, FirebreakProperties.GitHub github, String workflow,
      String requestId, Instant since) {
    String created = ">=" + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(since.minusSeconds(60).atOffset(ZoneOffset.UTC)
        .withNano(0)) + "Z";
    JsonNode runs = http.get().uri(uri -> uri.path("/repos/{owner}/{repo}/actions/workflows/{workflow}/runs")
        .queryParam("event", "workflow_dispatch").queryParam("created", created).queryParam("per_page", 50)
        .build(owner(github), repo(github), workflow)).retrieve().body(JsonNode.class);
    if (runs == null) {
      return Optional.empty();
    }
    for (JsonNode run : runs.path("workflow_runs")) {
      if (run.path("display_title").asText("").contains(requestId)) {
        return Optional.of(run);
      }
    }
    return Optional.empty();
  }

  private DeploymentTicket ticket(FirebreakProperties.GitHub github, String workflow, String runId, String url) {
    return new DeploymentTicket(runId, true,
        incidents.words().get("recovery.github.dispatched", workflow, github.getRepository(), url != null ? url : runId),
        false, url, null, null);
  }

  private ResponseEntity<JsonNode> dispatch(RestClient http, FirebreakProperties.GitHub github, String workflow,
      Map<String, Object> body) {
    return http.post().uri("/repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches", owner(github), repo(github),
            workflow)
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
  }

  private static String owner(FirebreakProperties.GitHub github) {
    return github.getRepository().substring(0, Math.max(0, github.getRepository().indexOf('/')));
  }

  private static String repo(FirebreakProperties.GitHub github) {
    return github.getRepository().substring(github.getRepository().indexOf('/') + 1);
  }

  private static String workflow(DeploymentRequest request) {
    FirebreakProperties.GitHub github = request.target().getGithub();
    return request.action() == DeploymentRequest.Action.ROLLBACK ? github.getRollbackWorkflow() : github.getHotfixWorkflow();
  }

  private RestClient client(FirebreakProperties.GitHub github) {
    return client(github, null);
  }

  /** GitHub refuses with a 4xx and its message; HTTP/1.1 (see {@link #http11}). */
  private RestClient client(FirebreakProperties.GitHub github, java.time.Duration readTimeout) {
    return client(github.getApiUrl(), github.getToken(), status -> status >= 400 && status < 500, client -> client
        .requestFactory(http11(readTimeout))
        .defaultHeader(HttpHeaders.ACCEPT, "application/vnd.github+json")
        .defaultHeader("X-GitHub-Api-Version", "2022-11-28"));
  }
}
