package dev.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.LifecycleClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The public status page of a SEV1 customer-facing incident: the first notice is there within a
 * minute of the declaration under the public title drafted from the template (never the internal
 * title); then an update communications published, under a title they chose: HTML (also in a real
 * Chromium, with a screenshot kept in target/), Atom feed and summary.json — and a hostile title
 * is shown as text, never run; at the end *Resolved* and the component operational again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class StatusPageIT {

  static final String HOSTILE = "<script>alert(1)</script>";

  @LocalServerPort
  int port;
  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  @Test
  void publishedUpdateIsPublicAndNothingInternalLeaks() throws Exception {
    var declared = client.post("responder", "/api/incidents", Map.of("title", HOSTILE, "service", "payments",
        "incidentType", "outage", "impactScope", "all-users", "description", "internal: db-primary-7 OOM"));
    String key = declared.body().path("incident").path("key").asText();
    String processInstanceId = declared.body().path("incident").path("processInstanceId").asText();
    // customers hear at once: the first notice, published from the template without approval
    long declaredAt = System.nanoTime();
    JsonNode first = awaitSummaryWithIncident(key, null);
    assertThat(Duration.ofNanos(System.nanoTime() - declaredAt)).isLessThan(Duration.ofMinutes(1));
    JsonNode firstIncident = find(first.path("incidents"), "id", key.toLowerCase());
    assertThat(firstIncident.path("name").asText()).as("the public title").isEqualTo("Payments unavailable");
    assertThat(firstIncident.path("status").asText()).isEqualTo("investigating");
    assertThat(firstIncident.path("incident_updates").get(0).path("body").asText())
        .startsWith("Payments is unavailable since");
    assertThat(find(first.path("components"), "name", "Payments").path("status").asText()).isEqualTo("major_outage");
    assertThat(first.toString()).as("the internal title is not public").doesNotContain("alert(1)", "db-primary-7");

    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "manager", "overrideSeverity", false));
    client.post("responder", "/api/incidents/" + key + "/timeline", Map.of("text", "secret internal note"));
    client.fireTimer("admin", processInstanceId, "StatusUpdateTimer");
    // communications choose the internal (hostile) title as the public one
    client.workTask("comms", key, "ApprovePublicNotice", Map.of("publicTitle", HOSTILE, "statusPhase", "investigating",
        "statusMessage", "Payments are failing for all users. We are investigating."));

    JsonNode summary = awaitSummaryWithIncident(key, HOSTILE);
    assertThat(summary.path("status").path("indicator").asText()).isEqualTo("critical");
    JsonNode payments = find(summary.path("components"), "name", "Payments");
    assertThat(payments.path("status").asText()).isEqualTo("major_outage");
    assertThat(find(summary.path("components"), "name", "Search").path("status").asText()).isEqualTo("operational");
    JsonNode incident = find(summary.path("incidents"), "id", key.toLowerCase());
    assertThat(incident.path("name").asText()).isEqualTo(HOSTILE);
    assertThat(incident.path("status").asText()).isEqualTo("investigating");
    assertThat(incident.path("impact").asText()).isEqualTo("critical");
    JsonNode updates = incident.path("incident_updates");
    assertThat(updates.get(updates.size() - 1).path("body").asText()).startsWith("Payments are failing");

    String html = client.get(null, "/status").body().asText();
    String feed = client.get(null, "/status/feed.atom").body().asText();
    for (String page : List.of(html, feed, summary.toString())) {
      assertThat(page).doesNotContain("secret internal note", "db-primary-7", "responder", "manager", "RECORDED-");
    }
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(HOSTILE)
        .contains("Major outage").contains("name=\"viewport\"");
    assertThat(feed).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "[investigating] &lt;script&gt;");

    renderInChromium();

    // service restored: Resolved on the page, in the feed; the component is operational again
    client.workTask("responder", key, "DiagnoseAndChooseRecovery", Map.of("diagnosis", "Primary unhealthy",
        "recoveryStrategy", "failover"));
    client.workTask("responder", key, "VerifyRecovery", Map.of("recoveryVerified", "yes",
        "verificationNotes", "Standby serves traffic"));
    client.workTask("responder", key, "ConfirmServiceRestored", Map.of("serviceRestored", "yes",
        "resolutionSummary", "Failed over"));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String resolvedFeed = "";
    while (!resolvedFeed.contains("[resolved]") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      resolvedFeed = client.get(null, "/status/feed.atom").body().asText();
    }
    assertThat(resolvedFeed).contains("[resolved] &lt;script&gt;", "Payments is available again.");
    JsonNode after = client.get(null, "/status/summary.json").body();
    assertThat(after.path("incidents").toString()).as("no longer an active incident").doesNotContain(key.toLowerCase());
    assertThat(find(after.path("components"), "name", "Payments").path("status").asText()).isEqualTo("operational");
    assertThat(client.get(null, "/status").body().asText()).contains("Payments is available again.");
  }

  /**
   * Issue 11: a public incident dismissed at triage as a false positive does not just drop off the
   * page: a last notice in words on the page and in the feed, and the component operational again.
   */
  @Test
  void aDismissedPublicIncidentLeavesAFinalNotice() throws Exception {
    var declared = client.post("responder", "/api/incidents", Map.of("title", "Checkout probe red", "service",
        "checkout", "incidentType", "outage", "impactScope", "all-users"));
    String key = declared.body().path("incident").path("key").asText();
    JsonNode first = awaitSummaryWithIncident(key, null);
    assertThat(find(first.path("incidents"), "id", key.toLowerCase()).path("status").asText()).isEqualTo("investigating");

    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "dismiss",
        "dismissReason", "Synthetic check misconfigured"));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String feed = "";
    while (!feed.contains("false alarm") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      feed = client.get(null, "/status/feed.atom").body().asText();
    }
    assertThat(feed).contains("[resolved] Checkout unavailable",
        "On closer inspection the problem reported for Checkout was a false alarm");
    assertThat(feed).doesNotContain("Synthetic check misconfigured", "Checkout probe red");
    JsonNode after = client.get(null, "/status/summary.json").body();
    assertThat(after.path("incidents").toString()).as("no longer an active incident").doesNotContain(key.toLowerCase());
    assertThat(find(after.path("components"), "name", "Checkout").path("status").asText()).isEqualTo("operational");
    assertThat(client.get(null, "/status").body().asText()).contains("was a false alarm");
  }

  private void renderInChromium() throws Exception {
    String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
        .filter(p -> new File(p).canExecute()).findFirst().orElse(null);
    if (chromium == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("Chromium is missing: install the Debian package 'chromium' (.ci/run does)");
      }
      Assumptions.abort("Chromium not installed (Debian package 'chromium')");
    }
    Path profile = Files.createTempDirectory("chromium-profile");
    Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    String url = "http://127.0.0.1:" + port + "/status";
    List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=390,1200");
    String dom = run(with(common, "--dump-dom", url));
    assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(dom.toLowerCase()).as("no script element made it into the page").doesNotContain("<script");
    run(with(common, "--screenshot=" + screenshot, url));
    assertThat(screenshot.toFile()).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(1000);
  }

  private static List<String> with(List<String> common, String... more) {
    List<String> command = new ArrayList<>(common);
    command.addAll(List.of(more));
    return command;
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * summary.json once it lists the incident (under the given name, when not null). Waits up to 150 s
   * so a first-notice job that met a concurrent job and is retried a minute later is still seen; the
   * one-minute promise is asserted where it is the point (the first test).
   */
  private JsonNode awaitSummaryWithIncident(String key, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    JsonNode summary = null;
    while (System.nanoTime() < deadline) {
      summary = client.get(null, "/status/summary.json").body();
      for (JsonNode incident : summary.path("incidents")) {
        if (incident.path("id").asText().equals(key.toLowerCase())
            && (name == null || name.equals(incident.path("name").asText()))) {
          return summary;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No public incident: " + summary);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (value.equals(node.path(field).asText())) {
        return node;
      }
    }
    throw new AssertionError("No " + field + "=" + value + " in " + array);
  }

  @SuppressWarnings("unused")
  private static final ObjectMapper JSON = new ObjectMapper();
}
