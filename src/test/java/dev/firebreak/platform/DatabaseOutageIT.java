package dev.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A database outage on a real PostgreSQL that is stopped mid-test and started again: webhooks
 * answer 503 with Retry-After in under 5 s (Alertmanager gives up after about 10), the API answers
 * 503 problem+json without the driver's text, the public status page, summary.json and the feed
 * (and the outage banner's banner.json) keep their last rendering (with its time), readiness goes DOWN while liveness stays UP and
 * /actuator/health answers at once; when the database is back, everything recovers by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "firebreak.intake.token=outage-token",
    "firebreak.database.probe-interval=500ms"})
@DirtiesContext
class DatabaseOutageIT {

  private static Path dataDirectory;
  private static int postgresPort;
  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) throws Exception {
    dataDirectory = Files.createTempDirectory("firebreak-outage-pg");
    try (ServerSocket free = new ServerSocket(0)) {
      postgresPort = free.getLocalPort();
    }
    startPostgres();
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE outage");
    }
    registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "outage"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  private static void startPostgres() throws IOException {
    postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setPort(postgresPort).setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, String body, String contentType, String retryAfter, Duration took) {
  }

  @Test
  void anOutageGetsHonestAnswersAndEverythingRecovers() throws Exception {
    // before: all well, and the public page has been rendered once
    assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
    assertThat(webhook("before").status()).isEqualTo(200);
    assertThat(get("/api/incidents", "responder").status()).isEqualTo(200);
    Answer page = get("/status", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"rendered\"").doesNotContain("id=\"stale\"");
    assertThat(get("/status/feed.atom", null).status()).isEqualTo(200);
    // the outage banner (issue 17.1) reads the same rendering (read before the last one below)
    Answer banner = get("/status/banner.json", null);
    assertThat(banner.status()).isEqualTo(200);
    assertThat(banner.body()).contains("\"stale\":false");
    // the last rendering before the outage (each read of the page, feed or summary is one)
    Answer summary = get("/status/summary.json", null);
    String updatedAt = between(summary.body(), "\"updated_at\":\"", "\"");
    String renderedAt = "Updated " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
        .format(Instant.parse(updatedAt).atZone(java.time.ZoneId.of("Asia/Seoul")));

    postgres.close();

    // the first webhook after the stop: the probe may not know yet, the quick pool gives up in time
    Answer first = webhook("during-1");
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.retryAfter()).isNotBlank();
    assertThat(first.took()).isLessThan(Duration.ofSeconds(5));
    System.out.printf("Outage: first webhook 503 after %d ms%n", first.took().toMillis());

    Answer readiness = await("/actuator/health/readiness", a -> a.status() == 503, Duration.ofSeconds(15));
    assertThat(readiness.body()).contains("DOWN");
    assertThat(readiness.took()).isLessThan(Duration.ofSeconds(2));
    Answer liveness = get("/actuator/health/liveness", null);
    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.body()).contains("UP");
    Answer health = get("/actuator/health", null);
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.took()).as("no health check waits for the database").isLessThan(Duration.ofSeconds(2));
    System.out.printf("Outage: readiness DOWN answered in %d ms, /actuator/health in %d ms%n",
        readiness.took().toMillis(), health.took().toMillis());

    for (int i = 0; i < 3; i++) {
      Answer webhook = webhook("during-" + (i + 2));
      assertThat(webhook.status()).isEqualTo(503);
      assertThat(webhook.retryAfter()).isNotBlank();
      assertThat(webhook.took()).isLessThan(Duration.ofSeconds(5));
      System.out.printf("Outage: webhook 503 (database known down) after %d ms%n", webhook.took().toMillis());
    }

    Answer api = get("/api/incidents", "responder");
    assertThat(api.status()).isEqualTo(503);
    assertThat(api.contentType()).startsWith("application/problem+json");
    assertThat(api.retryAfter()).isNotBlank();
    System.out.printf("Outage: API 503 problem+json after %d ms%n", api.took().toMillis());
    assertThat(api.body()).contains("Database unavailable")
        .doesNotContainIgnoringCase("sql").doesNotContain("org.postgresql").doesNotContain("Exception")
        .doesNotContain("\tat ");
    Answer declare = post("/api/incidents", "responder", "{\"title\": \"During the outage\", \"service\": \"payments\","
        + " \"incidentType\": \"outage\", \"impactScope\": \"all-users\"}", null);
    assertThat(declare.status()).isEqualTo(503);
    assertThat(declare.contentType()).startsWith("application/problem+json");

    Answer stalePage = get("/status", null);
    assertThat(stalePage.status()).isEqualTo(200);
    assertThat(stalePage.body()).contains("id=\"stale\"").contains(renderedAt);
    assertThat(between(stalePage.body(), "id=\"rendered\" class=\"meta\">", "</p>")).isEqualTo(renderedAt);
    Answer staleSummary = get("/status/summary.json", null);
    assertThat(staleSummary.status()).isEqualTo(200);
    assertThat(between(staleSummary.body(), "\"updated_at\":\"", "\"")).isEqualTo(updatedAt);
    Answer staleFeed = get("/status/feed.atom", null);
    assertThat(staleFeed.status()).isEqualTo(200);
    assertThat(staleFeed.body()).contains("<feed");
    assertThat(get("/status/scheduled-maintenances.json", null).status()).isEqualTo(200);
    Answer staleBanner = get("/status/banner.json", null);
    assertThat(staleBanner.status()).as("the banner from the last good rendering").isEqualTo(200);
    assertThat(staleBanner.body()).contains("\"stale\":true", "\"notices\":[",
        "\"generated_at\":\"" + updatedAt + "\"");

    startPostgres();

    Instant restarted = Instant.now();
    await("/actuator/health/readiness", a -> a.status() == 200, Duration.ofSeconds(30));
    System.out.printf("Outage: readiness UP %d ms after PostgreSQL was back%n",
        Duration.between(restarted, Instant.now()).toMillis());
    assertThat(await("/api/incidents", "responder", a -> a.status() == 200, Duration.ofSeconds(30)).status())
        .isEqualTo(200);
    Answer after = webhook("after");
    assertThat(after.status()).isEqualTo(200);
    Answer livePage = get("/status", null);
    assertThat(livePage.status()).isEqualTo(200);
    assertThat(livePage.body()).doesNotContain("id=\"stale\"");
    assertThat(get("/actuator/health", null).status()).isEqualTo(200);
  }

  private Answer webhook(String fingerprint) throws Exception {
    String body = """
        {"version": "4", "status": "firing", "receiver": "firebreak",
         "groupLabels": {"alertname": "DatabaseOutage", "service": "payments"},
         "commonLabels": {"alertname": "DatabaseOutage", "service": "payments", "severity": "critical"},
         "commonAnnotations": {"summary": "Payments errors"},
         "alerts": [{"status": "firing",
           "labels": {"alertname": "DatabaseOutage", "service": "payments", "severity": "critical"},
           "annotations": {"summary": "Payments errors"},
           "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "outage-%s"}]}
        """.formatted(Instant.now().minusSeconds(60), fingerprint);
    return post("/api/alerts/alertmanager", null, body, "outage-token");
  }

  private Answer await(String path, Predicate<Answer> done, Duration within) throws Exception {
    return await(path, null, done, within);
  }

  private Answer await(String path, String user, Predicate<Answer> done, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    Answer answer = get(path, user);
    while (!done.test(answer) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      answer = get(path, user);
    }
    assertThat(done.test(answer)).as("%s within %s, last answer %s", path, within, answer).isTrue();
    return answer;
  }

  private Answer get(String path, String user) throws Exception {
    return send(request(path, user).GET());
  }

  private Answer post(String path, String user, String body, String bearer) throws Exception {
    HttpRequest.Builder request = request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request);
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(60));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
          .getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private Answer send(HttpRequest.Builder request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Answer(response.statusCode(), response.body(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Retry-After").orElse(""), took);
  }

  private static String between(String text, String before, String after) {
    int start = text.indexOf(before);
    assertThat(start).as("%s in %s", before, text).isGreaterThanOrEqualTo(0);
    start += before.length();
    return text.substring(start, text.indexOf(after, start));
  }
}
