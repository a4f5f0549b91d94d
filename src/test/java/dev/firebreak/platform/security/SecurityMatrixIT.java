package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.LifecycleClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The security matrix of docs/SECURITY.md, walked over HTTP as every demo user: each row (an
 * endpoint) × each role is sent once and the answer compared with the table's cell. A Firebreak
 * request mapping without a row, or a row for a Firebreak path that no longer exists, fails too.
 * What the walk observed is written to target/security-matrix-observed.md (same table, observed
 * cells) so a changed row is easy to copy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // /actuator/prometheus as in production (tests otherwise replace the registry)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIT {

  static final Path TABLE = Path.of("docs/SECURITY.md");
  static final Path OBSERVED = Path.of("target/security-matrix-observed.md");

  /** Column → the demo user who plays the role (null: no credentials). */
  static final Map<String, String> USERS = new LinkedHashMap<>();

  static {
    USERS.put("anonymous", null);
    USERS.put("responders", "responder");
    USERS.put("team", "payments-dev");
    USERS.put("incident-managers", "manager");
    USERS.put("executives", "executive");
    USERS.put("communications", "comms");
    USERS.put("auditors", "auditor");
    USERS.put("process-owners", "owner");
    USERS.put("admin", "admin");
  }

  static final Set<String> CELLS = Set.of("allow", "filtered", "401", "403", "login");

  static final String[] NOT_ADMIN = {"responders", "team", "incident-managers", "executives", "communications",
      "auditors", "process-owners"};

  /**
   * Rows × roles where today's main answers something else than the table, which already says what
   * issue 10 asks for. Each entry must still be a mismatch (the test fails on a stale entry): when a
   * branch fixes one, delete its line here.
   */
  /**
   * Cells that are known to answer differently from the table, each with the reason; empty since
   * issue 10 closed them all. An entry that no longer differs fails the walk, so the list never goes stale.
   */
  static final Set<String> KNOWN_GAPS = gaps();

  @LocalServerPort
  int port;
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;
  @Autowired
  IdentityService identity;
  @Autowired
  ManagementService management;
  @Autowired
  TaskService tasks;

  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  List<Row> rows;
  /** What a path variable stands for in the walk, set up once. */
  String incidentKey;
  String incidentInstanceId;
  String victimInstanceId;
  String taskId;
  final Map<String, User> users = new LinkedHashMap<>();
  final Map<String, List<String>> memberships = new LinkedHashMap<>();

  record Row(String method, String path, Map<String, String> expected, String notes) {
    String key() {
      return method + " " + path;
    }
  }

  record Answer(int status, String location, String body) {
  }

  @BeforeAll
  void setUp() throws IOException {
    rows = parse(Files.readString(TABLE));
    LifecycleClient client = new LifecycleClient(port);
    incidentKey = declare(client, "Security matrix: the incident every row reads");
    incidentInstanceId = client.get("responder", "/api/incidents/" + incidentKey).body()
        .path("incident").path("processInstanceId").asText();
    String victim = declare(client, "Security matrix: the incident DELETE process-instance aims at");
    victimInstanceId = client.get("responder", "/api/incidents/" + victim).body()
        .path("incident").path("processInstanceId").asText();
    taskId = triageTask(incidentInstanceId);
    for (String user : USERS.values()) {
      if (user != null) {
        users.put(user, identity.createUserQuery().userId(user).singleResult());
        memberships.put(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
      }
    }
  }

  @Test
  void everyFirebreakEndpointHasARowAndEveryRowAnEndpoint() {
    Set<String> mapped = firebreakMappings();
    Set<String> tabled = rows.stream().map(Row::key).collect(Collectors.toCollection(LinkedHashSet::new));
    List<String> problems = new ArrayList<>();
    for (String endpoint : mapped) {
      if (!tabled.contains(endpoint)) {
        problems.add(endpoint + " has no row: add a row to docs/SECURITY.md saying what each role gets");
      }
    }
    for (Row row : rows) {
      if (isFirebreakPath(row.path()) && !mapped.contains(row.key())) {
        problems.add(row.key() + " is in docs/SECURITY.md but no Firebreak controller maps it any more:"
            + " remove or correct the row");
      }
    }
    assertThat(problems).as("docs/SECURITY.md against the application's request mappings").isEmpty();
  }

  @Test
  void everyRoleGetsWhatTheMatrixSays() throws Exception {
    long started = System.nanoTime();
    List<String> unexpected = new ArrayList<>();
    List<String> staleGaps = new ArrayList<>();
    Map<String, Map<String, String>> observed = new LinkedHashMap<>();
    Map<String, List<String>> statuses = new LinkedHashMap<>();
    int requests = 0;
    for (Row row : rows) {
      Map<String, String> cells = new LinkedHashMap<>();
      Map<String, Integer> sizes = new LinkedHashMap<>();
      for (Map.Entry<String, String> role : USERS.entrySet()) {
        String user = role.getValue();
        Answer answer;
        try {
          answer = send(row, user);
        } finally {
          restoreUser(row, user);
        }
        requests++;
        String expected = row.expected().get(role.getKey());
        boolean matches = matches(expected, answer);
        String label = row.key() + " as " + role.getKey();
        String gap = row.key() + " " + role.getKey();
        if (!matches && !KNOWN_GAPS.contains(gap)) {
          unexpected.add(label + ": expected " + expected + ", got " + describe(answer)
              + (isAllow(answer) && !expected.equals("allow") && !expected.equals("filtered") ? "  <-- UNEXPECTED ALLOW" : ""));
        }
        if (matches && KNOWN_GAPS.contains(gap)) {
          staleGaps.add(gap + " now answers " + describe(answer) + " as the table expects: remove it from KNOWN_GAPS");
        }
        cells.put(role.getKey(), observedCell(expected, answer));
        statuses.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(String.valueOf(answer.status()));
        sizes.put(role.getKey(), listSize(answer));
      }
      refineFiltered(cells, sizes);
      observed.put(row.key(), cells);
    }
    writeObserved(observed, statuses);
    System.out.printf("SecurityMatrixIT: %d rows x %d roles = %d requests in %d ms; observed table in %s%n",
        rows.size(), USERS.size(), requests, (System.nanoTime() - started) / 1_000_000, OBSERVED);
    Set<String> walked = rows.stream().flatMap(row -> USERS.keySet().stream().map(role -> row.key() + " " + role))
        .collect(Collectors.toSet());
    KNOWN_GAPS.stream().filter(gap -> !walked.contains(gap)).sorted()
        .forEach(gap -> staleGaps.add(gap + " names no row of docs/SECURITY.md: remove it from KNOWN_GAPS"));
    List<String> problems = new ArrayList<>(unexpected);
    problems.addAll(staleGaps);
    assertThat(problems).as("answers that differ from docs/SECURITY.md (%d requests; observed table in %s)",
        requests, OBSERVED).isEmpty();
  }

  private static List<String> gap(String endpoint, String... roles) {
    List<String> entries = new ArrayList<>();
    for (String role : roles) {
      assertThat(USERS).as("role of a known gap").containsKey(role);
      entries.add(endpoint + " " + role);
    }
    return entries;
  }

  @SafeVarargs
  private static Set<String> gaps(List<String>... groups) {
    Set<String> all = new LinkedHashSet<>();
    for (List<String> group : groups) {
      all.addAll(group);
    }
    return Set.copyOf(all);
  }

  // --- the table ----------------------------------------------------------------------------

  static List<Row> parse(String markdown) {
    List<Row> parsed = new ArrayList<>();
    List<String> header = null;
    Set<String> keys = new LinkedHashSet<>();
    for (String line : markdown.split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("|")) {
        if (header != null && !parsed.isEmpty()) {
          break;
        }
        continue;
      }
      List<String> cells = cells(trimmed);
      if (header == null) {
        if (cells.size() > 1 && cells.get(0).equals("method") && cells.get(1).equals("path")) {
          header = cells;
          assertThat(header.subList(2, 2 + USERS.size())).as("role columns of docs/SECURITY.md")
              .containsExactlyElementsOf(USERS.keySet());
        }
        continue;
      }
      if (cells.get(0).matches("-+:?|:?-+:?")) {
        continue;
      }
      assertThat(cells).as("cells of the row %s", trimmed).hasSize(header.size());
      Map<String, String> expected = new LinkedHashMap<>();
      for (int i = 0; i < USERS.size(); i++) {
        String cell = cells.get(2 + i);
        assertThat(CELLS).as("cell '%s' (%s) in row %s", cell, header.get(2 + i), trimmed).contains(cell);
        expected.put(header.get(2 + i), cell);
      }
      Row row = new Row(cells.get(0).toUpperCase(), cells.get(1), expected, cells.get(header.size() - 1));
      assertThat(keys.add(row.key())).as("one row for %s", row.key()).isTrue();
      parsed.add(row);
    }
    assertThat(parsed).as("the matrix table of docs/SECURITY.md").isNotEmpty();
    return parsed;
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.trim().replace("`", ""));
    }
    return cells;
  }

  /** Firebreak's own paths; Camunda's REST, its webapps, actuator and the root are not mapped by Firebreak. */
  static boolean isFirebreakPath(String path) {
    return !(path.equals("/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/")
        || path.startsWith("/actuator"));
  }

  private Set<String> firebreakMappings() {
    Set<String> endpoints = new TreeSet<>();
    mappings.getHandlerMethods().forEach((RequestMappingInfo info, org.springframework.web.method.HandlerMethod handler) -> {
      if (!handler.getBeanType().getName().startsWith("dev.firebreak.")) {
        return;
      }
      Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name)
          .collect(Collectors.toCollection(TreeSet::new));
      if (methods.isEmpty()) {
        methods = Set.of("ANY");
      }
      for (String method : methods) {
        for (String pattern : info.getPatternValues()) {
          endpoints.add(method + " " + pattern);
        }
      }
    });
    return endpoints;
  }

  // --- the walk -----------------------------------------------------------------------------

  private static boolean matches(String expected, Answer answer) {
    return switch (expected) {
      case "allow" -> isAllow(answer);
      case "filtered" -> answer.status() == 200;
      case "401" -> answer.status() == 401;
      case "403" -> answer.status() == 403;
      case "login" -> answer.status() == 401 || isLoginRedirect(answer);
      default -> throw new IllegalArgumentException(expected);
    };
  }

  private static boolean isAllow(Answer answer) {
    return answer.status() != 401 && answer.status() != 403 && !isLoginRedirect(answer);
  }

  private static boolean isLoginRedirect(Answer answer) {
    return answer.status() == 302 && answer.location() != null && answer.location().contains("/login");
  }

  private static String observedCell(String expected, Answer answer) {
    if (answer.status() == 401 && "login".equals(expected)) {
      return "login";
    }
    if (answer.status() == 401 || answer.status() == 403) {
      return String.valueOf(answer.status());
    }
    if (isLoginRedirect(answer)) {
      return "login";
    }
    return "allow";
  }

  /** 200 lists shorter than the administrator's are "filtered" (Camunda narrows queries to what the role may read). */
  private static void refineFiltered(Map<String, String> cells, Map<String, Integer> sizes) {
    Integer all = sizes.get("admin");
    if (all == null) {
      return;
    }
    sizes.forEach((role, size) -> {
      if (size != null && size < all && "allow".equals(cells.get(role))) {
        cells.put(role, "filtered");
      }
    });
  }

  private static Integer listSize(Answer answer) {
    if (answer.status() != 200 || answer.body() == null || !answer.body().startsWith("[")) {
      return null;
    }
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).size();
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(Answer answer) {
    String text = answer.status() + (answer.location() != null ? " -> " + answer.location() : "");
    if (answer.body() != null && !answer.body().isBlank() && answer.status() >= 400) {
      String body = answer.body().replaceAll("\\s+", " ");
      text += " " + (body.length() > 160 ? body.substring(0, 160) + "…" : body);
    }
    return text;
  }

  /** One request of the walk: the row's path with its variables filled in, a minimal body. */
  private Answer send(Row row, String user) throws IOException, InterruptedException {
    String path = fill(row, user);
    String json = "{}";
    switch (row.key()) {
      case "POST /api/incidents" ->
        // a valid declaration: the empty one is refused (400) before the engine checks who may start
          json = declaration("Security matrix: declared by " + user);
      case "GET /api/oncall" -> path += "?service=payments";
      case "GET /api/knowledge", "GET /knowledge" -> path += "?q=pool";
      case "GET /status/subscriptions/confirm", "GET /status/unsubscribe", "POST /status/unsubscribe" ->
          path += "?token=security-matrix-no-such-token";
      case "POST /incidents/{key}/escalation", "POST /postmortems/{key}/action-items/{index}/done",
          "POST /incidents/{key}/report/corrections" -> {
        return boardForm(path, user);
      }
      case "GET /incidents/stream" -> {
        return stream(path, user);
      }
      case "POST /engine-rest/deployment/create" -> {
        return deployment(path, user);
      }
      case "POST /api/lifecycle/changes" -> {
        // a proposal without files: 400 for those who may propose, 403 for the others
        return multipart(path, user, "--%s\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\nprobe\r\n--%s--\r\n");
      }
      case "POST /engine-rest/process-instance/{id}/modification" ->
          json = "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"SecurityMatrixNoSuchActivity\"}]}";
      case "POST /engine-rest/message" -> json = "{\"messageName\":\"AlertFired\"}";
      case "PUT /engine-rest/process-instance/{id}/variables/{name}" -> json = "{\"value\":\"probe\",\"type\":\"String\"}";
      case "POST /engine-rest/task/{id}/comment/create" -> json = "{\"message\":\"security matrix probe\"}";
      case "PUT /engine-rest/user/{id}/profile" -> json = user == null ? "{}"
          : "{\"id\":\"" + user + "\",\"firstName\":\"Changed\",\"lastName\":\"ByMatrix\","
              + "\"email\":\"changed-by-matrix@example.invalid\"}";
      default -> { }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30));
    authenticate(request, user);
    switch (row.method()) {
      case "GET" -> request.GET();
      case "DELETE" -> request.DELETE();
      default -> request.header("Content-Type", "application/json")
          .method(row.method(), HttpRequest.BodyPublishers.ofString(json));
    }
    return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private String fill(Row row, String user) {
    String path = row.path();
    if (path.startsWith("/engine-rest/")) {
      String id;
      if (path.startsWith("/engine-rest/task/")) {
        id = taskId;
      } else if (path.startsWith("/engine-rest/user/")) {
        id = user == null ? "responder" : user; // one's own account
      } else if (row.key().equals("DELETE /engine-rest/process-instance/{id}")) {
        id = victimInstanceId;
      } else {
        id = incidentInstanceId;
      }
      return path.replace("{id}", id).replace("{key}", "incident").replace("{name}", "securityMatrixProbe");
    }
    return path.replace("{key}", incidentKey).replace("{id}", "999999").replace("{token}", "no-such-invitation")
        .replace("{decisionKey}", "incident-severity").replace("{index}", "99");
  }

  /** The board's live feed never ends: only the status and where a redirect points, then hang up. */
  private Answer stream(String path, String user) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
    authenticate(request, user);
    HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null), "");
  }

  /** The situation board's form: its CSRF token from the incident page, then the post (empty level and reason). */
  private Answer boardForm(String path, String user) throws IOException, InterruptedException {
    HttpClient session = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .cookieHandler(new CookieManager()).build();
    String page = "http://localhost:" + port + "/incidents/" + incidentKey;
    HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(page));
    authenticate(get, user);
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
        .matcher(session.send(get.build(), HttpResponse.BodyHandlers.ofString()).body());
    String form = "level=&reason=" + (token.find() ? "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) : "");
    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    authenticate(post, user);
    return answer(session.send(post.build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** A deployment whose one BPMN file does not parse: refused (403) before parsing, or 400/500 with nothing deployed. */
  private Answer deployment(String path, String user) throws IOException, InterruptedException {
    return multipart(path, user, "--%1$s\r\n"
        + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsecurity-matrix-probe\r\n"
        + "--%1$s\r\n"
        + "Content-Disposition: form-data; name=\"probe.bpmn\"; filename=\"probe.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n"
        + "<definitions>not a process</definitions>\r\n"
        + "--%1$s--\r\n");
  }

  /** A multipart POST; {@code parts} is a format with the boundary as its argument(s). */
  private Answer multipart(String path, String user, String parts) throws IOException, InterruptedException {
    String boundary = "security-matrix-" + System.nanoTime();
    String body = String.format(parts, boundary, boundary);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    authenticate(request, user);
    return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static void authenticate(HttpRequest.Builder request, String user) {
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + LifecycleClient.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static Answer answer(HttpResponse<String> response) {
    return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
  }

  /** A user row may have changed or deleted the caller's own account: put it back as it was. */
  private void restoreUser(Row row, String user) {
    if (user == null || !row.path().startsWith("/engine-rest/user/") || row.method().equals("GET")) {
      return;
    }
    User was = users.get(user);
    User now = identity.createUserQuery().userId(user).singleResult();
    if (now == null) {
      now = identity.newUser(user);
      now.setPassword(LifecycleClient.PASSWORD);
    }
    now.setFirstName(was.getFirstName());
    now.setLastName(was.getLastName());
    now.setEmail(was.getEmail());
    identity.saveUser(now);
    for (String group : memberships.get(user)) {
      if (identity.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
        identity.createMembership(user, group);
      }
    }
  }

  // --- set-up -------------------------------------------------------------------------------

  private static String declare(LifecycleClient client, String title) {
    LifecycleClient.Response declared = client.postRaw("responder", "/api/incidents", declaration(title));
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.body().path("incident").path("key").asText();
  }

  private static String declaration(String title) {
    return "{\"title\":\"" + title + "\",\"service\":\"reporting\",\"incidentType\":\"outage\","
        + "\"impactScope\":\"internal-only\"}";
  }

  /** Runs the incident's asynchronous steps (the job executor is off in tests) until *Triage incident* waits. */
  private String triageTask(String processInstanceId) {
    for (int round = 0; round < 20; round++) {
      Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey("TriageIncident")
          .singleResult();
      if (task != null) {
        return task.getId();
      }
      for (Job job : management.createJobQuery().processInstanceId(processInstanceId).executable().list()) {
        management.executeJob(job.getId());
      }
    }
    throw new AssertionError("no Triage incident task for " + processInstanceId);
  }

  private void writeObserved(Map<String, Map<String, String>> observed, Map<String, List<String>> statuses)
      throws IOException {
    StringBuilder table = new StringBuilder("| method | path | " + String.join(" | ", USERS.keySet()) + " | notes |\n");
    table.append("|---|---|").append("---|".repeat(USERS.size())).append("---|\n");
    for (Row row : rows) {
      table.append("| ").append(row.method()).append(" | `").append(row.path()).append("` | ")
          .append(String.join(" | ", observed.get(row.key()).values())).append(" | ").append(row.notes()).append(" |\n");
    }
    table.append("\nThe HTTP statuses behind the cells:\n\n| method | path | ").append(String.join(" | ", USERS.keySet()))
        .append(" |\n|---|---|").append("---|".repeat(USERS.size())).append('\n');
    for (Row row : rows) {
      table.append("| ").append(row.method()).append(" | `").append(row.path()).append("` | ")
          .append(String.join(" | ", statuses.get(row.key()))).append(" |\n");
    }
    Files.createDirectories(OBSERVED.getParent());
    Files.writeString(OBSERVED, table);
  }
}
