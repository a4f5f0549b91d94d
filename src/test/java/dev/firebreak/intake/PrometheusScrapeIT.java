package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The real Prometheus (Debian prometheus, /usr/bin/prometheus) runs the shipped
 * ops/prometheus/prometheus.yml and rules against Firebreak: the firebreak job logs in to
 * /actuator/prometheus with the password file, Firebreak's own metrics arrive with the
 * {@code service} label the rules group by, and every shipped rule evaluates without error.
 *
 * <p>The copy differs from the shipped file only where it must: Firebreak's address, a demo user
 * instead of the "prometheus" user, the temporary password and rules paths, and 1 s intervals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "firebreak.intake.token=e2e-token"})
@AutoConfigureObservability // tests otherwise replace the Prometheus registry, and /actuator/prometheus is 404
@DirtiesContext
class PrometheusScrapeIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  final HttpClient http = HttpClient.newHttpClient();
  Process prometheus;
  Path dir;

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory left behind is harmless
      }
    }
  }

  @Test
  void prometheusScrapesFirebreakAndEvaluatesTheShippedRules() throws Exception {
    String binary = Binaries.require("/usr/bin/prometheus", "prometheus");
    dir = Files.createTempDirectory("prometheus-it-");
    Path password = Files.writeString(dir.resolve("firebreak-password"), "demo");
    Path rules = Files.createDirectories(dir.resolve("rules"));
    try (Stream<Path> files = Files.list(Path.of("ops/prometheus/rules"))) {
      for (Path rule : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        Files.copy(rule, rules.resolve(rule.getFileName()));
      }
    }
    String shipped = Files.readString(Path.of("ops/prometheus/prometheus.yml"));
    String config = shipped
        .replace("scrape_interval: 15s", "scrape_interval: 1s")
        .replace("evaluation_interval: 15s", "evaluation_interval: 1s")
        .replace("\"firebreak:8080\"", "\"127.0.0.1:" + port + "\"")
        .replace("username: prometheus", "username: auditor")
        .replace("/etc/prometheus/firebreak-password", password.toString())
        .replace("/etc/prometheus/rules", rules.toString());
    assertThat(config).as("the shipped prometheus.yml changed shape; adapt this test")
        .contains("127.0.0.1:" + port, "username: auditor", password.toString(), rules.toString(),
            "scrape_interval: 1s");
    Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);

    int promPort = freePort();
    Path log = dir.resolve("prometheus.log");
    prometheus = new ProcessBuilder(binary, "--config.file=" + configFile,
        "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
        "--web.listen-address=127.0.0.1:" + promPort)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String base = "http://127.0.0.1:" + promPort;
    // one refused webhook: the intake meters (counter by outcome, latency histogram) exist from then on
    assertThat(AlertPayloads.post(port, "/api/alerts/alertmanager", "not-the-token",
        AlertPayloads.load("alertmanager-firing.json").toString()).status()).isEqualTo(401);
    await("Prometheus ready", log, () -> status(base + "/-/ready") == 200 ? true : null);

    JsonNode target = await("the firebreak target up", () -> "targets: " + api(base, "/api/v1/targets"), log, () -> {
      for (JsonNode t : api(base, "/api/v1/targets").path("activeTargets")) {
        if ("firebreak".equals(t.path("labels").path("job").asText()) && "up".equals(t.path("health").asText())) {
          return t;
        }
      }
      return null;
    });
    assertThat(target.path("scrapeUrl").asText()).endsWith("/actuator/prometheus");
    assertThat(target.path("labels").path("service").asText()).isEqualTo("firebreak");

    // Firebreak's own meters, under the names the dashboard queries, carrying the service label
    for (String query : List.of("firebreak_incidents_open", "firebreak_alerts_received_total",
        "firebreak_alert_intake_seconds_bucket", "http_server_requests_seconds_bucket")) {
      JsonNode series = await(query + " scraped", log, () -> {
        JsonNode result = api(base, "/api/v1/query?query="
            + URLEncoder.encode("count by (service) (" + query + ")", StandardCharsets.UTF_8)).path("result");
        return result.isEmpty() ? null : result.get(0);
      });
      assertThat(series.path("metric").path("service").asText()).as(query).isEqualTo("firebreak");
    }

    // every shipped rule loaded and evaluated (health ok, no PromQL error)
    JsonNode groups = await("rules evaluated", log, () -> {
      JsonNode g = api(base, "/api/v1/rules").path("groups");
      for (JsonNode group : g) {
        for (JsonNode rule : group.path("rules")) {
          if (!"ok".equals(rule.path("health").asText())) {
            return null;
          }
        }
      }
      return g.isEmpty() ? null : g;
    });
    long alertRules = 0;
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        assertThat(rule.path("lastError").asText()).as(rule.path("name").asText()).isEmpty();
        alertRules += "alerting".equals(rule.path("type").asText()) ? 1 : 0;
      }
    }
    assertThat(alertRules).as("every alert rule of ops/prometheus/rules").isEqualTo(shippedAlertRules());
  }

  private static long shippedAlertRules() throws java.io.IOException {
    long rules = 0;
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("ops/prometheus/rules"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        rules += java.nio.file.Files.readAllLines(file).stream().filter(l -> l.matches("\\s*- alert: .*")).count();
      }
    }
    return rules;
  }

  private JsonNode api(String base, String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      return "success".equals(body.path("status").asText()) ? body.path("data") : JSON.createObjectNode();
    } catch (IOException e) {
      return JSON.createObjectNode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int status(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private <T> T await(String what, Path log, Supplier<T> probe) throws Exception {
    return await(what, () -> "", log, probe);
  }

  /** Polls until the probe returns non-null; on timeout fails with the state and Prometheus' log. */
  private <T> T await(String what, Supplier<String> state, Path log, Supplier<T> probe) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!prometheus.isAlive()) {
        throw new AssertionError("Prometheus exited with " + prometheus.exitValue() + ":\n" + Files.readString(log));
      }
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Timed out after " + PATIENCE.toSeconds() + " s waiting for " + what
        + "\n" + state.get() + "\nPrometheus log:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
