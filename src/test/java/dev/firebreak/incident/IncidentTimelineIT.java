package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The timeline through the API: a responder's note that says when it happened, both times of every
 * entry ({@code at}, {@code recordedAt}), and a later change of severity.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class IncidentTimelineIT {

  static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

  @LocalServerPort
  int port;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  String declareSearchIncident() {
    Map<String, Object> declaration = new LinkedHashMap<>();
    declaration.put("title", "Search slow for one tenant");
    declaration.put("service", "search");
    declaration.put("incidentType", "degraded-performance");
    declaration.put("impactScope", "single-customer");
    return client.post("responder", "/api/incidents", declaration).body().path("incident").path("key").asText();
  }

  @Test
  void aNoteThatSaysWhenItHappenedIsPlacedThereAndKeepsItsPostingTime() {
    String key = declareSearchIncident();
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    String time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZONE).format(twoHoursAgo);

    LifecycleClient.Response posted = client.post("responder", "/api/incidents/" + key + "/timeline",
        Map.of("text", time + " DB 서버 상태 확인"));

    assertThat(posted.status()).as("%s", posted.body()).isEqualTo(201);
    assertThat(posted.body().path("text").asText()).isEqualTo("DB 서버 상태 확인");
    assertThat(Instant.parse(posted.body().path("at").asText())).isEqualTo(twoHoursAgo);
    JsonNode timeline = client.get("auditor", "/api/incidents/" + key).body().path("timeline");
    List<String> summaries = new ArrayList<>();
    OffsetDateTime last = null;
    JsonNode note = null;
    for (JsonNode entry : timeline) {
      assertThat(entry.has("at") && entry.has("recordedAt")).as("both times on %s", entry).isTrue();
      OffsetDateTime at = OffsetDateTime.parse(entry.path("at").asText());
      if (last != null) {
        assertThat(at).as("ordered by when it happened").isAfterOrEqualTo(last);
      }
      last = at;
      summaries.add(entry.path("summary").asText());
      if (entry.path("kind").asText().equals("note")) {
        note = entry;
      }
    }
    assertThat(note).isNotNull();
    assertThat(Instant.parse(note.path("at").asText())).isEqualTo(twoHoursAgo);
    assertThat(Duration.between(Instant.parse(note.path("recordedAt").asText()), Instant.now()).abs())
        .as("recorded when posted").isLessThan(Duration.ofMinutes(1));
    assertThat(note.path("actor").asText()).isEqualTo("responder");
    assertThat(note.path("details").path("statedTime").asText()).isEqualTo(time);
    assertThat(summaries.indexOf("DB 서버 상태 확인")).as("before the declaration it happened before")
        .isLessThan(summaries.indexOf(summaries.stream().filter(s -> s.startsWith("Incident declared")).findFirst()
            .orElseThrow()));
  }

  @Test
  void aNoteWithoutATimeHappenedWhenPosted() {
    String key = declareSearchIncident();
    LifecycleClient.Response posted = client.post("responder", "/api/incidents/" + key + "/timeline",
        Map.of("text", "checked the DB server"));
    assertThat(posted.status()).isEqualTo(201);
    assertThat(posted.body().path("at").asText()).isEqualTo(posted.body().path("recordedAt").asText());
  }

  @Test
  void aResponderChangesTheSeverityAndTheIncidentReplans() {
    String key = declareSearchIncident();
    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "incidentType", "degraded-performance", "impactScope", "single-customer", "complexity", "low",
        "commander", "responder", "overrideSeverity", false));
    client.awaitIncident("responder", key, "investigating");
    String path = "/api/incidents/" + key + "/severity";

    LifecycleClient.Response empty = client.post("responder", path, Map.of());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().toString()).contains("severity").contains("reason");
    assertThat(client.post("responder", path, Map.of("severity", "SEV3", "reason", "same")).status())
        .as("the severity in force").isEqualTo(400);
    assertThat(client.post("auditor", path, Map.of("severity", "SEV1", "reason", "x")).status()).isEqualTo(403);

    LifecycleClient.Response changed = client.post("manager", path,
        Map.of("severity", "SEV1", "reason", "The tenant is our largest merchant"));
    assertThat(changed.status()).as("%s", changed.body()).isEqualTo(202);

    JsonNode incident = awaitSeverity(key, "SEV1");
    assertThat(incident.path("incident").path("escalationLevel").asInt()).as("SEV1 pages the service team")
        .isEqualTo(2);
    List<String> summaries = incident.path("timeline").findValuesAsText("summary");
    assertThat(summaries).contains("Severity changed: SEV3 → SEV1 (The tenant is our largest merchant)");
    assertThat(summaries).anyMatch(s -> s.startsWith("Notify: ") && s.contains("status updates every 30 min"));
  }

  private JsonNode awaitSeverity(String key, String severity) {
    Instant deadline = Instant.now().plusSeconds(20);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = client.get("auditor", "/api/incidents/" + key).body();
      if (severity.equals(last.path("incident").path("severity").asText())
          && last.path("incident").path("escalationLevel").asInt() >= 2) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return last;
  }
}
