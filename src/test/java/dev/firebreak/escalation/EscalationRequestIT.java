package dev.firebreak.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.LifecycleClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

/** POST /api/incidents/{key}/escalation: a responder asks for escalation by hand, with a reason. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class EscalationRequestIT {

  @LocalServerPort
  int port;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  String triagedSearchIncident() {
    Map<String, Object> declaration = new LinkedHashMap<>();
    declaration.put("title", "Search slow for one tenant");
    declaration.put("service", "search");
    declaration.put("incidentType", "degraded-performance");
    declaration.put("impactScope", "single-customer");
    String key = client.post("responder", "/api/incidents", declaration).body().path("incident").path("key").asText();
    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "incidentType", "degraded-performance", "impactScope", "single-customer", "complexity", "low",
        "commander", "responder", "overrideSeverity", false));
    client.awaitIncident("responder", key, "investigating");
    return key;
  }

  @Test
  void responderAsksForLevel2AndTheSearchTeamIsPaged() {
    String key = triagedSearchIncident();

    LifecycleClient.Response asked = client.post("responder", "/api/incidents/" + key + "/escalation",
        Map.of("level", 2, "reason", "Index rebuild needs the search team"));

    assertThat(asked.status()).as("%s", asked.body()).isEqualTo(202);
    assertThat(asked.body().path("approvalRequired").asBoolean()).isFalse();
    var incident = client.awaitIncident("auditor", key, "investigating");
    assertThat(incident.path("incident").path("escalationLevel").asInt()).isEqualTo(2);
    assertThat(incident.path("timeline").findValuesAsText("summary"))
        .contains("responder asked for escalation to level 2: Index rebuild needs the search team",
            "Escalated from level 1 to level 2");
    assertThat(client.awaitTask("responder", key, "AcknowledgePage")).as("search's on-call person must acknowledge")
        .isNotBlank();
  }

  @Test
  void aResponderAsksOnTheSituationBoardWithItsCsrfToken() throws Exception {
    String key = triagedSearchIncident();
    var cookies = new java.net.CookieManager();
    var http = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
    String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("responder:demo".getBytes());
    String pageUrl = "http://localhost:" + port + "/incidents/" + key;
    String page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pageUrl)).header("Authorization", auth)
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("the escalation form carries a CSRF token").isTrue();

    var withoutToken = http.send(form(pageUrl + "/escalation", auth, "level=2&reason=no+token"),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    var asked = http.send(form(pageUrl + "/escalation", auth, "level=2&reason=Index+rebuild+needs+search&_csrf="
        + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8)),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(asked.statusCode()).isEqualTo(302);
    String after = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pageUrl)).header("Authorization", auth)
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(after).contains("Escalation to level 2 asked for.",
        "responder asked for escalation to level 2: Index rebuild needs search");
  }

  private static java.net.http.HttpRequest form(String url, String auth, String body) {
    return java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", auth)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
  }

  @Test
  void badRequestsAreRefusedWithTheFieldNamed() {
    String key = triagedSearchIncident();
    String path = "/api/incidents/" + key + "/escalation";

    LifecycleClient.Response noReason = client.post("responder", path, Map.of("level", 3));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.contentType()).startsWith("application/problem+json");
    assertThat(noReason.body().path("errors").findValuesAsText("field")).containsExactly("reason");

    LifecycleClient.Response sameLevel = client.post("responder", path, Map.of("level", 1, "reason", "x"));
    assertThat(sameLevel.status()).isEqualTo(400);
    assertThat(sameLevel.body().path("errors").findValuesAsText("field")).contains("level");

    assertThat(client.post("auditor", path, Map.of("level", 2, "reason", "x")).status())
        .as("auditors only read").isEqualTo(403);
    assertThat(client.post("responder", "/api/incidents/INC-1999-0001/escalation", Map.of("level", 2, "reason", "x"))
        .status()).isEqualTo(404);
    assertThat(client.get("auditor", "/api/incidents/" + key).body().path("timeline").findValuesAsText("summary"))
        .as("nothing was asked for").noneMatch(s -> s.contains("asked for escalation"));
    assertThat(List.of(client.get("auditor", "/api/incidents/" + key).body().path("incident").path("escalationLevel")
        .asInt())).containsExactly(1);
  }
}
