package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.IncidentFilter;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The real Alertmanager (Debian prometheus-alertmanager) on loopback, routing to Firebreak: an
 * alert opens an incident, a second alert of the group correlates to it, and resolving both
 * correlates the resolution.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "firebreak.intake.token=e2e-token"})
@DirtiesContext
class AlertmanagerEndToEndIT {

  @LocalServerPort
  int port;
  @Autowired
  Incidents incidents;

  Process alertmanager;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
  }

  @Test
  void alertmanagerOpensUpdatesAndResolvesAnIncident() throws Exception {
    String binary = Binaries.require("/usr/bin/prometheus-alertmanager", "prometheus-alertmanager");
    int amPort = freePort();
    Path dir = Files.createTempDirectory("alertmanager-e2e");
    Path token = Files.writeString(dir.resolve("token"), "e2e-token");
    Files.writeString(dir.resolve("alertmanager.yml"), """
        route:
          receiver: firebreak
          group_by: [alertname, service]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: firebreak
            webhook_configs:
              - url: http://127.0.0.1:%d/api/alerts/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials_file: %s
        """.formatted(port, token));
    alertmanager = new ProcessBuilder(binary, "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + Files.createDirectories(dir.resolve("data")), "--web.listen-address=127.0.0.1:" + amPort,
        "--cluster.listen-address=").redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
    String base = "http://127.0.0.1:" + amPort;
    await("Alertmanager ready", () -> get(base + "/-/ready") == 200);

    String alertname = "E2eErrors" + UUID.randomUUID().toString().substring(0, 6);
    Instant start = Instant.now().minusSeconds(30);
    postAlerts(base, alert(alertname, "payments-1", start, null));
    IncidentRecord incident = await("incident opened", () -> incidentFor(alertname));
    assertThat(incident.source()).isEqualTo("alertmanager");
    assertThat(incident.severity()).isEqualTo("SEV1");

    postAlerts(base, alert(alertname, "payments-1", start, null) + "," + alert(alertname, "payments-2", start, null));
    await("repeat correlated", () -> timelineHas(incident.key(), "Alert update: " + alertname));
    assertThat(incidentsFor(alertname)).hasSize(1);

    Instant ended = Instant.now().minusSeconds(1);
    postAlerts(base, alert(alertname, "payments-1", start, ended) + "," + alert(alertname, "payments-2", start, ended));
    await("resolution correlated", () -> timelineHas(incident.key(), "Alerts resolved"));
    assertThat(incidentsFor(alertname)).hasSize(1);
  }

  private static String alert(String alertname, String instance, Instant start, Instant end) {
    return """
        {"labels": {"alertname": "%s", "service": "payments", "severity": "critical", "instance": "%s"},
         "annotations": {"summary": "Payments 5xx above 5%%", "impact": "all-users"},
         "startsAt": "%s"%s}""".formatted(alertname, instance, start,
        end == null ? "" : ", \"endsAt\": \"" + end + "\"");
  }

  private void postAlerts(String base, String alerts) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[" + alerts + "]")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private int get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private List<IncidentRecord> incidentsFor(String alertname) {
    return incidents.list(new IncidentFilter(null, null, "payments")).stream()
        .filter(i -> timelineHas(i.key(), "Alert firing: " + alertname)).toList();
  }

  private IncidentRecord incidentFor(String alertname) {
    List<IncidentRecord> found = incidentsFor(alertname);
    return found.isEmpty() ? null : found.get(0);
  }

  private boolean timelineHas(String key, String summaryStart) {
    return incidents.timeline(key).stream().anyMatch(e -> e.summary().startsWith(summaryStart));
  }

  private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null && !Boolean.FALSE.equals(value)) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Timed out waiting for: " + what);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
