package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Drives Firebreak over HTTP the way Tasklist and a script would: Firebreak's API and Camunda REST. */
public class LifecycleClient {

  public static final String PASSWORD = "demo";

  private final RestClient http;
  private final ObjectMapper json = new ObjectMapper();

  public LifecycleClient(int port) {
    this.http = RestClient.builder().baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
        .build();
  }

  public record Response(int status, JsonNode body, String contentType) {
  }

  /** A declared incident: its key, its process instance and the record as the API answered it. */
  public record Declared(String key, String processInstanceId, JsonNode incident) {
  }

  /** The handbook's worked example as a responder declares it: the payment database, all users, detected 40 minutes ago. */
  public static Map<String, Object> paymentDatabaseOutage(String title, String description) {
    Map<String, Object> declaration = new LinkedHashMap<>();
    declaration.put("title", title);
    declaration.put("service", "payments");
    declaration.put("incidentType", "database");
    declaration.put("impactScope", "all-users");
    declaration.put("description", description);
    declaration.put("detectedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(40).toString());
    return declaration;
  }

  /** Declares through {@code POST /api/incidents} and insists on 201. */
  public Declared declare(String user, Map<String, Object> declaration) {
    Response declared = post(user, "/api/incidents", declaration);
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    JsonNode incident = declared.body().path("incident");
    return new Declared(incident.path("key").asText(), incident.path("processInstanceId").asText(), incident);
  }

  /** The responder acknowledges at triage, keeps the severity, and names the manager commander. */
  public void triage(String key, String incidentType, String impactScope, String complexity) {
    workTask("responder", key, "TriageIncident", Map.of(
        "triageOutcome", "acknowledge", "incidentType", incidentType, "impactScope", impactScope,
        "complexity", complexity, "commander", "manager", "overrideSeverity", false));
    awaitIncident("responder", key, "investigating");
  }

  /** The manager schedules the meeting, the responder writes the post-mortem, the manager approves it. */
  public void writeApprovedPostmortem(String key, Map<String, Object> postmortem) {
    workTask("manager", key, "SchedulePostmortemMeeting", Map.of(
        "meetingAt", "2026-11-27T10:00", "meetingParticipants", "responder, manager", "facilitator", "manager"));
    workTask("responder", key, "WritePostmortem", postmortem);
    workTask("manager", key, "ApprovePostmortem", Map.of(
        "postmortemDecision", "approve", "postmortemReviewNotes", "Good analysis"));
  }

  public Response post(String user, String path, Object body) {
    return exchange(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body == null ? "" : body), user);
  }

  public Response put(String user, String path, Object body) {
    return exchange(http.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body), user);
  }

  public Response postRaw(String user, String path, String body) {
    return exchange(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body), user);
  }

  public Response delete(String user, String path) {
    return exchange(http.delete().uri(path), user);
  }

  public Response get(String user, String path) {
    return exchange(http.get().uri(path), user);
  }

  private Response exchange(RestClient.RequestHeadersSpec<?> spec, String user) {
    if (user != null) {
      spec = spec.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return spec.exchange((request, response) -> {
      byte[] bytes = response.getBody().readAllBytes();
      JsonNode body = bytes.length == 0 ? null : readOrText(bytes);
      MediaType type = response.getHeaders().getContentType();
      return new Response(response.getStatusCode().value(), body, type == null ? null : type.toString());
    });
  }

  private JsonNode readOrText(byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (Exception e) {
      return json.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** Waits (the job executor runs the async steps) for the task and returns its id. */
  public String awaitTask(String user, String businessKey, String taskKey) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      Response tasks = get(user, "/engine-rest/task?processInstanceBusinessKey=" + businessKey
          + "&taskDefinitionKey=" + taskKey);
      assertThat(tasks.status()).as("task query as %s", user).isEqualTo(200);
      if (tasks.body().size() > 0) {
        return tasks.body().get(0).get("id").asText();
      }
      sleep();
    }
    throw new AssertionError("No '" + taskKey + "' task for " + businessKey + " visible to " + user);
  }

  /** Claims and submits the task's form as the user (what Tasklist does). */
  public Response work(String user, String taskId, Map<String, Object> values) {
    Response claim = post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
    if (claim.status() != 204) {
      return claim;
    }
    // the server sends a completion that met a job of the same incident again (TaskWriteRetry); one that
    // still conflicts after its attempts changed nothing and is sent again, as any Camunda client must
    Response submitted = null;
    for (int attempt = 1; attempt <= 10; attempt++) {
      submitted = post(user, "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables(values)));
      String body = String.valueOf(submitted.body());
      if (submitted.status() != 500
          || !(body.contains("OptimisticLockingException") || body.contains("ENGINE-03005"))) {
        return submitted;
      }
      try {
        Thread.sleep(300L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return submitted;
      }
    }
    return submitted;
  }

  public void workTask(String user, String businessKey, String taskKey, Map<String, Object> values) {
    String id = awaitTask(user, businessKey, taskKey);
    Response response = work(user, id, values);
    assertThat(response.status()).as("%s completes %s: %s", user, taskKey, response.body()).isEqualTo(204);
  }

  /** Executes the process's timer jobs whose activity is given (an administrator's action). */
  public void fireTimer(String admin, String processInstanceId, String activityId) {
    Response jobs = get(admin, "/engine-rest/job?processInstanceId=" + processInstanceId + "&timers=true&activityId="
        + activityId);
    assertThat(jobs.status()).isEqualTo(200);
    assertThat(jobs.body().size()).as("timer jobs of %s", activityId).isGreaterThan(0);
    String jobId = jobs.body().get(0).get("id").asText();
    Response executed = post(admin, "/engine-rest/job/" + jobId + "/execute", null);
    // The job executor works the incident's async notification jobs meanwhile; when both touch the
    // same execution, Camunda rolls one back with an optimistic-locking error and the caller retries.
    for (int attempt = 1; attempt < 10 && isOptimisticLockFailure(executed); attempt++) {
      sleep();
      executed = post(admin, "/engine-rest/job/" + jobId + "/execute", null);
    }
    assertThat(executed.status()).as("execute timer %s: %s", activityId, executed.body()).isEqualTo(204);
  }

  private static boolean isOptimisticLockFailure(Response response) {
    return response.status() >= 400 && response.body() != null
        && response.body().path("message").asText().contains("updated by another transaction concurrently");
  }

  /**
   * Works every task of the incident's key as the demo user whose role it is, with the answers of a
   * small search outage rolled back without a post-mortem, until the incident is closed (the KPI
   * tests and the KPI benchmark close real incidents this way).
   */
  public void workUntilClosed(String key) {
    Map<String, String> users = Map.ofEntries(Map.entry("TriageIncident", "responder"),
        Map.entry("ApproveEscalation", "manager"), Map.entry("AcknowledgePage", "admin"),
        Map.entry("ApprovePublicNotice", "comms"), Map.entry("ApproveFirstNotice", "comms"),
        Map.entry("DiagnoseAndChooseRecovery", "responder"), Map.entry("ApproveRollback", "manager"),
        Map.entry("ConfirmDeployment", "responder"), Map.entry("VerifyRecovery", "responder"),
        Map.entry("ConfirmServiceRestored", "responder"), Map.entry("DecideOnPostmortem", "manager"),
        // the customer follow-up runs beside the post-mortem under the same key (the incident closes without it)
        Map.entry("SendCustomerApology", "comms"), Map.entry("DecideCompensation", "manager"));
    Map<String, Map<String, Object>> values = Map.ofEntries(
        Map.entry("TriageIncident", Map.of("triageOutcome", "acknowledge", "incidentType", "outage",
            "impactScope", "part-of-users", "complexity", "low", "commander", "manager", "overrideSeverity", false)),
        Map.entry("ApproveEscalation", Map.of("escalationDecision", "approve", "escalationDecisionReason", "ok")),
        Map.entry("AcknowledgePage", Map.of("acknowledgementNote", "on it")),
        Map.entry("ApprovePublicNotice", searchNotice()), Map.entry("ApproveFirstNotice", searchNotice()),
        Map.entry("DiagnoseAndChooseRecovery", Map.of("diagnosis", "Index 7.2 broke queries",
            "recoveryStrategy", "rollback", "targetVersion", "7.1", "databaseChanged", false)),
        Map.entry("ApproveRollback", Map.of("rollbackDecision", "approve", "rollbackDecisionReason", "stable")),
        Map.entry("ConfirmDeployment", Map.of("deploymentOutcome", "succeeded", "deploymentDetails", "rolled back")),
        Map.entry("VerifyRecovery", Map.of("recoveryVerified", "yes", "verificationNotes", "results back")),
        Map.entry("ConfirmServiceRestored", Map.of("serviceRestored", "yes", "resolutionSummary", "rolled back")),
        Map.entry("DecideOnPostmortem", Map.of("holdPostmortem", "no", "postmortemDecisionReason", "small")),
        Map.entry("SendCustomerApology", Map.of("apologySubjectKo", "사과드립니다", "apologyTextKo", "불편을 드려 죄송합니다",
            "apologySubjectEn", "We apologise", "apologyTextEn", "Sorry for the trouble", "affectedCustomers", "")),
        Map.entry("DecideCompensation", Map.of("compensation", "none", "compensationReason", "Search was only slow")));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      String status = get("admin", "/api/incidents/" + key).body().path("incident").path("status").asText();
      if (status.equals("closed")) {
        return;
      }
      JsonNode tasks = get("admin", "/engine-rest/task?processInstanceBusinessKey=" + key).body();
      for (JsonNode task : tasks) {
        String definition = task.path("taskDefinitionKey").asText();
        assertThat(users).as("a task this test knows").containsKey(definition);
        work(users.get(definition), task.path("id").asText(), values.get(definition));
      }
      sleep();
    }
    throw new AssertionError(key + " did not close");
  }

  private static Map<String, Object> searchNotice() {
    return Map.of("publicTitle", "Search degraded", "statusPhase", "identified", "statusMessage", "Rolling back",
        "noticeDecision", "publish", "holdReason", "-");
  }

  public JsonNode awaitIncident(String user, String key, String status) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = get(user, "/api/incidents/" + key).body();
      if (status.equals(last.path("incident").path("status").asText())) {
        return last;
      }
      sleep();
    }
    throw new AssertionError("Incident " + key + " did not reach " + status + ": " + last);
  }

  private Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Map<String, Object> typed = new LinkedHashMap<>();
      if (value instanceof java.util.List<?> || value instanceof Map<?, ?>) {
        try {
          typed.put("value", json.writeValueAsString(value));
        } catch (Exception e) {
          throw new IllegalArgumentException(e);
        }
        typed.put("type", "Json");
      } else {
        typed.put("value", value);
      }
      variables.put(name, typed);
    });
    return variables;
  }

  static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
