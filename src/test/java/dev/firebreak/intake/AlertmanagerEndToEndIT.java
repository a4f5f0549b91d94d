package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.intake.AlertmanagerBinary.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The real Alertmanager (Debian prometheus-alertmanager) on loopback, routing to Firebreak: an
 * alert opens an incident, a second alert of the group correlates to it, and resolving both
 * correlates the resolution. Firebreak is observed from outside only, through /api/incidents as
 * the demo responder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "firebreak.intake.token=e2e-token", "camunda.bpm.job-execution.enabled=true"})
@DirtiesContext
class AlertmanagerEndToEndIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  final HttpClient http = HttpClient.newHttpClient();
  AlertmanagerBinary alertmanager;

  @AfterEach
  void stop() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @Test
  void alertmanagerOpensUpdatesAndResolvesAnIncident() throws Exception {
    alertmanager = AlertmanagerBinary.start("http://127.0.0.1:" + port + "/api/alerts/alertmanager", "e2e-token");

    // a unique alertname keeps this group apart from anything else about payments
    String alertname = "HighErrorRate" + UUID.randomUUID().toString().substring(0, 6);
    Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    Alert first = alert(alertname, "payments-1", start);
    Alert second = alert(alertname, "payments-2", start);

    alertmanager.post(first);
    JsonNode incident = await("an incident opened for " + alertname, () -> single(incidentsFor(alertname)));
    String key = incident.path("key").asText();
    assertThat(incident.path("service").asText()).isEqualTo("payments");
    assertThat(incident.path("title").asText()).isEqualTo("Payments 5xx above 5%");
    assertThat(incident.path("source").asText()).isEqualTo("alertmanager");
    assertThat(incident.path("severity").asText()).isEqualTo("SEV1");

    alertmanager.post(first, second);
    await("the second alert correlated to " + key, () -> alertEntry(key, "Alert update"));
    assertThat(incidentsFor(alertname)).hasSize(1);

    Instant ended = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    alertmanager.post(first.resolvedAt(ended), second.resolvedAt(ended));
    await("the resolution correlated to " + key, () -> alertEntry(key, "Alerts resolved"));
    assertThat(incidentsFor(alertname)).hasSize(1);
  }

  private static Alert alert(String alertname, String instance, Instant start) {
    return Alert.firing(
        Map.of("alertname", alertname, "service", "payments", "severity", "critical", "instance", instance),
        Map.of("summary", "Payments 5xx above 5%", "impact", "all-users"), start);
  }

  /** The payments incidents whose timeline records an alert of this alertname. */
  private List<JsonNode> incidentsFor(String alertname) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode incident : get("/api/incidents?service=" + URLEncoder.encode("payments", StandardCharsets.UTF_8))) {
      JsonNode view = get("/api/incidents/" + incident.path("key").asText());
      for (JsonNode entry : view.path("timeline")) {
        if ("alert".equals(entry.path("kind").asText()) && entry.path("summary").asText().contains(alertname)) {
          found.add(view.path("incident"));
          break;
        }
      }
    }
    return found;
  }

  /** The first timeline entry of kind "alert" whose summary starts so, or null. */
  private JsonNode alertEntry(String key, String summaryStart) {
    for (JsonNode entry : get("/api/incidents/" + key).path("timeline")) {
      if ("alert".equals(entry.path("kind").asText()) && entry.path("summary").asText().startsWith(summaryStart)) {
        return entry;
      }
    }
    return null;
  }

  private static JsonNode single(List<JsonNode> incidents) {
    if (incidents.size() > 1) {
      throw new AssertionError("Expected one incident, got " + incidents);
    }
    return incidents.isEmpty() ? null : incidents.get(0);
  }

  /** GET as the demo responder; the answer's JSON. */
  private JsonNode get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString("responder:demo".getBytes(StandardCharsets.UTF_8)))
          .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + path, e);
    }
  }

  /** Polls until the probe returns non-null; on timeout fails with Alertmanager's log. */
  private <T> T await(String what, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Timed out after " + PATIENCE.toSeconds() + " s waiting for " + what
        + "\nAlertmanager log:\n" + alertmanager.log());
  }
}
