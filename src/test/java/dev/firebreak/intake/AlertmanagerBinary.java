package dev.firebreak.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Debian Alertmanager ({@code /usr/bin/prometheus-alertmanager}, package prometheus-alertmanager)
 * on loopback, routing every alert to one webhook with a bearer token. Timings are shortened for
 * tests (group_wait and group_interval 1 s); grouping is Firebreak's (alertname, service); resolved
 * alerts are sent. No gossip ({@code --cluster.listen-address=} empty), a temporary storage path,
 * a random free port.
 *
 * <p>A missing binary skips the test, or fails it under {@code CI=true} (see {@link Binaries}).
 * {@link #close()} stops the process and deletes its files.
 */
final class AlertmanagerBinary implements AutoCloseable {

  static final String PATH = "/usr/bin/prometheus-alertmanager";
  static final String DEBIAN_PACKAGE = "prometheus-alertmanager";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Path dir;
  private final Process process;
  private final String baseUrl;

  private AlertmanagerBinary(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /**
   * Starts Alertmanager posting to {@code webhookUrl} with {@code Authorization: Bearer <token>} and
   * waits until {@code /-/ready} answers 200.
   */
  static AlertmanagerBinary start(String webhookUrl, String bearerToken) throws IOException, InterruptedException {
    String binary = Binaries.require(PATH, DEBIAN_PACKAGE);
    Path dir = Files.createTempDirectory("alertmanager-");
    Path token = Files.writeString(dir.resolve("webhook-token"), bearerToken);
    Path config = Files.writeString(dir.resolve("alertmanager.yml"), config(webhookUrl, token));
    Path storage = Files.createDirectories(dir.resolve("data"));
    IllegalStateException failure = null;
    // the free port may be taken between probing and binding: try a few
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = freePort();
      Path log = dir.resolve("alertmanager-" + attempt + ".log");
      Process process = new ProcessBuilder(binary,
          "--config.file=" + config,
          "--storage.path=" + storage,
          "--web.listen-address=127.0.0.1:" + port,
          "--cluster.listen-address=",
          "--log.level=debug")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      AlertmanagerBinary alertmanager = new AlertmanagerBinary(dir, process, port);
      try {
        alertmanager.awaitReady(log);
        return alertmanager;
      } catch (IllegalStateException e) {
        alertmanager.stop();
        failure = e;
      }
    }
    deleteRecursively(dir);
    throw failure;
  }

  /** The generated configuration: Firebreak's routing with test timings. */
  static String config(String webhookUrl, Path tokenFile) {
    return """
        global:
          resolve_timeout: 1m
        route:
          receiver: firebreak
          group_by: [alertname, service]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: firebreak
            webhook_configs:
              - url: "%s"
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials_file: "%s"
        """.formatted(webhookUrl, tokenFile);
  }

  String baseUrl() {
    return baseUrl;
  }

  /** Posts alerts to {@code /api/v2/alerts}, as Prometheus does; fails unless Alertmanager answers 200. */
  void post(Alert... alerts) throws IOException, InterruptedException {
    post(List.of(alerts));
  }

  void post(List<Alert> alerts) throws IOException, InterruptedException {
    ArrayNode body = JSON.createArrayNode();
    alerts.forEach(alert -> body.add(alert.toJson()));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/alerts"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("Alertmanager refused the alerts (" + response.statusCode() + "): "
          + response.body() + "\n" + log());
    }
  }

  /** What Alertmanager logged so far (debug level: shows each webhook attempt and its answer). */
  String log() {
    try (Stream<Path> files = Files.list(dir)) {
      StringBuilder out = new StringBuilder();
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
        out.append("--- ").append(file.getFileName()).append('\n').append(Files.readString(file));
      }
      return out.toString();
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    deleteRecursively(dir);
  }

  private void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitReady(Path log) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ":\n" + read(log));
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Alertmanager not ready after " + READY_TIMEOUT + ":\n" + read(log));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }

  /**
   * One alert as Prometheus posts it: labels, annotations, startsAt and, once resolved, an endsAt in
   * the past.
   */
  record Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt) {

    static Alert firing(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {
      return new Alert(labels, annotations, startsAt, null);
    }

    Alert resolvedAt(Instant end) {
      return new Alert(labels, annotations, startsAt, end);
    }

    ObjectNode toJson() {
      ObjectNode node = JSON.createObjectNode();
      labels.forEach(node.putObject("labels")::put);
      annotations.forEach(node.putObject("annotations")::put);
      node.put("startsAt", startsAt.toString());
      if (endsAt != null) {
        node.put("endsAt", endsAt.toString());
      }
      return node;
    }
  }
}
