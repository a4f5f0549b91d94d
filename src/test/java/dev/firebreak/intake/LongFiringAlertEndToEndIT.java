package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.intake.AlertmanagerBinary.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 11's customer-facing alert that has been firing for hours, through the real Alertmanager
 * (Debian prometheus-alertmanager): service=payments, severity=critical, the handbook's Korean
 * impact annotation and a startsAt three hours ago. The alert-classification table reads the
 * annotation (SEV1); the owning team is paged at once (level 2) before leadership; the public
 * status page shows the incident within a minute; once the alert resolves and the incident is
 * worked to resolved over REST, a Resolved update is on the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "firebreak.intake.token=e2e-token",
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class LongFiringAlertEndToEndIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @LocalServerPort
  int port;

  LifecycleClient client;
  AlertmanagerBinary alertmanager;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @Test
  void aCustomerFacingAlertFiringForHoursIsSev1PagesTheOwningTeamAndIsPublicAtOnce() throws Exception {
    alertmanager = AlertmanagerBinary.start("http://127.0.0.1:" + port + "/api/alerts/alertmanager", "e2e-token");
    String alertname = "PaymentsDown" + UUID.randomUUID().toString().substring(0, 6);
    Instant startsAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
    Alert alert = Alert.firing(
        Map.of("alertname", alertname, "service", "payments", "severity", "critical", "instance", "payments-1"),
        Map.of("summary", "결제 API 5xx 급증", "impact", "전체 사용자의 결제 서비스 불가"), startsAt);

    long posted = System.nanoTime();
    alertmanager.post(alert);
    JsonNode opened = await("an incident opened for " + alertname, () -> incidentFor(alertname));
    String key = opened.path("key").asText();
    assertThat(opened.path("service").asText()).isEqualTo("payments");
    assertThat(opened.path("source").asText()).isEqualTo("alertmanager");
    assertThat(opened.path("severity").asText()).as("the Korean impact annotation reads as all users").isEqualTo("SEV1");
    String processInstanceId = opened.path("processInstanceId").asText();

    // the public status page is not "operational" within a minute: the first notice is automatic for SEV1
    JsonNode summary = await("the status page shows " + key, () -> {
      JsonNode s = client.get(null, "/status/summary.json").body();
      return s.path("incidents").toString().contains(key.toLowerCase()) ? s : null;
    });
    assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(Duration.ofMinutes(1));
    assertThat(summary.path("status").path("indicator").asText()).isNotEqualTo("none").isNotEqualTo("operational");
    assertThat(summary.path("status").path("description").asText()).doesNotContain("operational");
    assertThat(find(summary.path("components"), "name", "Payments").path("status").asText()).isNotEqualTo("operational");

    // on call hear at once: an e-mail before anyone has triaged
    await("on call e-mailed for " + key,
        () -> summaries(key).stream().anyMatch(e -> e.startsWith("notification: E-mail")) ? true : null);

    // the alert resolves in Alertmanager; the incident is worked to resolved over REST
    alertmanager.post(alert.resolvedAt(Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS)));
    await("the resolution correlated to " + key,
        () -> summaries(key).stream().anyMatch(e -> e.startsWith("alert: Alerts resolved")) ? true : null);
    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "incidentType", "outage", "impactScope", "all-users", "complexity", "low", "commander", "manager",
        "overrideSeverity", false));
    client.awaitIncident("responder", key, "investigating");
    // three hours of SEV1: the owning team (level 2) is paged before leadership (level 3), never leadership first
    List<String> paged = await("the payments team paged for " + key, () -> {
      List<String> s = summaries(key);
      boolean level2 = indexOf(s, "to level 2") >= 0;
      boolean mail = s.stream().anyMatch(e -> e.startsWith("notification: E-mail") && e.contains("payments-"));
      return level2 && mail ? s : null;
    });
    int level2 = indexOf(paged, "to level 2");
    int level3 = indexOf(paged, "to level 3");
    assertThat(level3 == -1 || level2 < level3).as("level 2 before level 3: %s", paged).isTrue();
    assertThat(paged).as("the first escalation is to the owning team").filteredOn(e -> e.startsWith("escalation: "))
        .first().asString().contains("to level 2");
    client.workTask("responder", key, "DiagnoseAndChooseRecovery", Map.of("diagnosis", "Primary unhealthy",
        "recoveryStrategy", "failover"));
    client.workTask("responder", key, "VerifyRecovery", Map.of("recoveryVerified", "yes",
        "verificationNotes", "Standby serves traffic"));
    client.workTask("responder", key, "ConfirmServiceRestored", Map.of("serviceRestored", "yes",
        "resolutionSummary", "Failed over"));
    String feed = await("Resolved on the status page", () -> {
      String f = client.get(null, "/status/feed.atom").body().asText();
      return f.contains("[resolved]") ? f : null;
    });
    assertThat(feed).contains("Payments is available again.");
    JsonNode after = client.get(null, "/status/summary.json").body();
    assertThat(after.path("incidents").toString()).as("no longer active").doesNotContain(key.toLowerCase());
    assertThat(find(after.path("components"), "name", "Payments").path("status").asText()).isEqualTo("operational");
    assertThat(client.get(null, "/status").body().asText()).contains("Payments is available again.");
    assertThat(processInstanceId).isNotBlank();
    System.out.println("Timeline of " + key + ":\n  " + String.join("\n  ", summaries(key)));
  }

  private JsonNode incidentFor(String alertname) {
    for (JsonNode incident : client.get("responder", "/api/incidents?service=payments").body()) {
      String key = incident.path("key").asText();
      JsonNode view = client.get("responder", "/api/incidents/" + key).body();
      for (JsonNode entry : view.path("timeline")) {
        if ("alert".equals(entry.path("kind").asText()) && entry.path("summary").asText().contains(alertname)) {
          return view.path("incident");
        }
      }
    }
    return null;
  }

  private volatile List<String> lastTimeline = List.of();

  private List<String> summaries(String key) {
    List<String> out = new ArrayList<>();
    lastTimeline = out;
    for (JsonNode entry : client.get("responder", "/api/incidents/" + key).body().path("timeline")) {
      out.add(entry.path("kind").asText() + ": " + entry.path("summary").asText());
    }
    return out;
  }

  private static int indexOf(List<String> summaries, String part) {
    for (int i = 0; i < summaries.size(); i++) {
      if (summaries.get(i).startsWith("escalation: ") && summaries.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (value.equals(node.path(field).asText())) {
        return node;
      }
    }
    throw new AssertionError("No " + field + "=" + value + " in " + array);
  }

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
        + "\nTimeline:\n" + String.join("\n", lastTimeline) + "\nAlertmanager log:\n" + alertmanager.log());
  }
}
