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
 * The public status page after communications published an update: HTML (also in a real
 * Chromium, with a screenshot kept in target/), Atom feed and summary.json — and a hostile title
 * is shown as text, never run.
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
    assertThat(client.get(null, "/status/summary.json").body().path("incidents").toString())
        .as("nothing is public before communications publishes").doesNotContain("alert(1)");

    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "manager", "overrideSeverity", false));
    client.post("responder", "/api/incidents/" + key + "/timeline", Map.of("text", "secret internal note"));
    client.fireTimer("admin", processInstanceId, "StatusUpdateTimer");
    client.workTask("comms", key, "ApprovePublicNotice", Map.of("statusPhase", "investigating",
        "statusMessage", "Payments are failing for all users. We are investigating."));

    JsonNode summary = awaitSummaryWithIncident();
    assertThat(summary.path("status").path("indicator").asText()).isEqualTo("critical");
    JsonNode payments = find(summary.path("components"), "name", "Payments");
    assertThat(payments.path("status").asText()).isEqualTo("major_outage");
    assertThat(find(summary.path("components"), "name", "Search").path("status").asText()).isEqualTo("operational");
    JsonNode incident = summary.path("incidents").get(0);
    assertThat(incident.path("name").asText()).isEqualTo(HOSTILE);
    assertThat(incident.path("status").asText()).isEqualTo("investigating");
    assertThat(incident.path("impact").asText()).isEqualTo("critical");
    assertThat(incident.path("incident_updates").get(0).path("body").asText()).startsWith("Payments are failing");

    String html = client.get(null, "/status").body().asText();
    String feed = client.get(null, "/status/feed.atom").body().asText();
    for (String page : List.of(html, feed, summary.toString())) {
      assertThat(page).doesNotContain("secret internal note", "db-primary-7", "responder", "manager", "RECORDED-");
    }
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(HOSTILE)
        .contains("Major outage").contains("name=\"viewport\"");
    assertThat(feed).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "[investigating] &lt;script&gt;");

    renderInChromium();
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

  private JsonNode awaitSummaryWithIncident() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode summary = null;
    while (System.nanoTime() < deadline) {
      summary = client.get(null, "/status/summary.json").body();
      if (summary.path("incidents").size() > 0) {
        return summary;
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
