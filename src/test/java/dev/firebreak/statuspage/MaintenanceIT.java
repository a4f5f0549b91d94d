package dev.firebreak.statuspage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.firebreak.incident.LifecycleClient;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scheduled maintenance end to end: the API (who may, validation, nothing stored on bad input),
 * the public page, summary.json, scheduled-maintenances.json and the feed, the component status
 * while it runs, and the notices e-mail and webhook subscribers get. Nothing internal is public.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class MaintenanceIT {

  static final int SMTP_PORT = freePort();
  static WireMockServer HOOK;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("firebreak.status-page.delivery.poll-interval", () -> "300ms");
    // the fake webhook subscriber is http on localhost
    registry.add("firebreak.status-page.subscribers.allow-http", () -> "true");
    registry.add("firebreak.status-page.subscribers.allow-private-addresses", () -> "true");
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  @BeforeAll
  static void startHook() {
    HOOK = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    HOOK.start();
    HOOK.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
  }

  @AfterAll
  static void stopHook() {
    HOOK.stop();
  }

  @Test
  void communicationsSchedulesMaintenanceAndEveryoneIsTold() throws Exception {
    LifecycleClient client = new LifecycleClient(port);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // who may
    Map<String, Object> valid = request("Database upgrade", List.of("Payments", "search"),
        now.plus(Duration.ofDays(1)).toString(), now.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)).toString());
    assertThat(client.post(null, "/api/maintenance", valid).status()).isEqualTo(401);
    var refused = client.post("responder", "/api/maintenance", valid);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");

    // every bad field at once, nothing stored
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("title", " ");
    bad.put("components", List.of("payments", "mainframe"));
    bad.put("scheduledFor", "tomorrow");
    var invalid = client.post("comms", "/api/maintenance", bad);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.contentType()).startsWith("application/problem+json");
    assertThat(fields(invalid.body())).containsExactlyInAnyOrder("title", "description", "components[1]",
        "scheduledFor", "scheduledUntil");
    assertThat(invalid.body().path("detail").asText()).contains("unknown component 'mainframe'", "Payments");
    var backwards = client.post("comms", "/api/maintenance", request("Backwards", List.of("payments"),
        now.plus(Duration.ofHours(3)).toString(), now.plus(Duration.ofHours(1)).toString()));
    assertThat(fields(backwards.body())).containsExactly("scheduledUntil");
    var unknownOnly = client.post("comms", "/api/maintenance", request("Unknown", List.of("Mainframe"),
        now.plus(Duration.ofHours(1)).toString(), now.plus(Duration.ofHours(2)).toString()));
    assertThat(unknownOnly.status()).isEqualTo(400);
    assertThat(fields(unknownOnly.body())).containsExactly("components[0]");
    var wrongType = client.postRaw("comms", "/api/maintenance", "{\"title\":\"x\",\"components\":{\"a\":1}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(client.get("comms", "/api/maintenance").body()).isEmpty();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM maintenance").query(Long.class).single()).isZero();

    // subscribers: one e-mail (confirmed), one webhook
    assertThat(client.post(null, "/status/subscribe", Map.of("email", "reader@example.com")).status()).isEqualTo(202);
    String token = jdbc.sql("SELECT confirm_token FROM subscriber WHERE address = 'reader@example.com'")
        .query(String.class).single();
    assertThat(client.get(null, "/status/subscriptions/confirm?token=" + token).status()).isEqualTo(200);
    String secret = client.post(null, "/status/subscribe", Map.of("webhookUrl", HOOK.baseUrl() + "/hook"))
        .body().path("secret").asText();

    // an upcoming window, in local time of firebreak.zone (Asia/Seoul)
    var scheduled = client.post("comms", "/api/maintenance", request("Database upgrade", List.of("Payments", "search"),
        "2099-03-01T02:00", "2099-03-01T04:00"));
    assertThat(scheduled.status()).isEqualTo(201);
    JsonNode future = scheduled.body();
    assertThat(future.path("status").asText()).isEqualTo("scheduled");
    assertThat(future.path("scheduledFor").asText()).as("stored in UTC").isEqualTo("2099-02-28T17:00:00Z");
    assertThat(future.path("createdBy").asText()).isEqualTo("comms");
    long futureId = future.path("id").asLong();

    MimeMessage notice = awaitMail("[Scheduled maintenance] Database upgrade");
    String text = GreenMailUtil.getBody(notice).replace("=\r\n", "").replace("=3D", "=");
    assertThat(text).contains("Scheduled maintenance on Payments, Search from 2099-03-01 02:00 KST to 2099-03-01 04:00 KST",
        "Please describe the window.", "/status/unsubscribe?token=").doesNotContain("comms", "Chris");
    assertThat(notice.getHeader("List-Unsubscribe")).isNotEmpty();

    ServeEvent call = awaitHook("Database upgrade", 204);
    String body = call.getRequest().getBodyAsString();
    assertThat(call.getRequest().getHeader("X-Firebreak-Signature"))
        .isEqualTo("sha256=" + Subscribers.sign(secret, call.getRequest().getHeader("X-Firebreak-Timestamp") + "." + body));
    JsonNode payload = new ObjectMapper().readTree(body);
    assertThat(payload.path("scheduled_maintenance").path("status").asText()).isEqualTo("scheduled");
    assertThat(payload.path("scheduled_maintenance").path("scheduled_for").asText()).isEqualTo("2099-02-28T17:00:00Z");
    assertThat(payload.path("update").path("status").asText()).isEqualTo("scheduled");
    assertThat(body).doesNotContain("comms", "createdBy");

    JsonNode summary = client.get(null, "/status/summary.json").body();
    JsonNode listed = summary.path("scheduled_maintenances").get(0);
    assertThat(listed.path("name").asText()).isEqualTo("Database upgrade");
    assertThat(listed.path("status").asText()).isEqualTo("scheduled");
    assertThat(listed.path("impact").asText()).isEqualTo("maintenance");
    assertThat(listed.path("scheduled_until").asText()).isEqualTo("2099-02-28T19:00:00Z");
    assertThat(listed.path("components").findValuesAsText("name")).containsExactly("Payments", "Search");
    assertThat(summary.path("status").path("indicator").asText()).as("upcoming changes nothing yet").isEqualTo("none");
    String html = client.get(null, "/status").body().asText();
    assertThat(html).contains("Scheduled maintenance", "Database upgrade", "2099-03-01 02:00 KST", "Please describe the window.");

    // a window running now (an incident manager may schedule too)
    var running = client.post("manager", "/api/maintenance", request("Checkout failover test", List.of("checkout"),
        now.minus(Duration.ofMinutes(5)).toString(), now.plus(Duration.ofHours(1)).toString()));
    assertThat(running.status()).isEqualTo(201);
    assertThat(running.body().path("status").asText()).isEqualTo("in_progress");
    long runningId = running.body().path("id").asLong();
    summary = client.get(null, "/status/summary.json").body();
    assertThat(component(summary, "Checkout")).isEqualTo("under_maintenance");
    assertThat(component(summary, "Payments")).isEqualTo("operational");
    assertThat(summary.path("status").path("indicator").asText()).isEqualTo("maintenance");
    assertThat(summary.path("scheduled_maintenances").findValuesAsText("status")).contains("in_progress", "scheduled");
    assertThat(client.get(null, "/status").body().asText()).contains("Under maintenance", "In progress");

    // updates go to subscribers too
    assertThat(client.post("comms", "/api/maintenance/" + runningId + "/updates",
        Map.of("message", "Failover done, checking.")).status()).isEqualTo(200);
    awaitMail("[Maintenance update] Checkout failover test");

    // ending it early: completed, in the 90-day history
    var ended = client.post("comms", "/api/maintenance/" + runningId + "/cancel", null);
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.body().path("status").asText()).isEqualTo("completed");
    summary = client.get(null, "/status/summary.json").body();
    assertThat(component(summary, "Checkout")).isEqualTo("operational");
    assertThat(summary.path("status").path("indicator").asText()).isEqualTo("none");
    assertThat(client.get(null, "/status/scheduled-maintenances.json").body().path("scheduled_maintenances")
        .findValuesAsText("status")).contains("completed", "scheduled");
    html = client.get(null, "/status").body().asText();
    assertThat(html.substring(html.indexOf("Past 90 days"))).contains("Checkout failover test", "completed");
    assertThat(client.post("comms", "/api/maintenance/" + runningId + "/cancel", null).status()).isEqualTo(409);

    // cancelling the upcoming one (DELETE): gone from page and summary, told in feed and to subscribers
    HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/maintenance/" + futureId)).DELETE()
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("comms:demo".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).contains("\"status\":\"cancelled\"");
    summary = client.get(null, "/status/summary.json").body();
    assertThat(summary.path("scheduled_maintenances")).isEmpty();
    awaitMail("[Maintenance cancelled] Database upgrade");
    awaitHook("This maintenance has been cancelled.", 204);
    String feed = client.get(null, "/status/feed.atom").body().asText();
    assertThat(feed).contains("[Scheduled maintenance] Database upgrade", "[Maintenance cancelled] Database upgrade",
        "[Maintenance in progress] Checkout failover test", "[Maintenance completed] Checkout failover test");
    assertThat(client.get("comms", "/api/maintenance/999999").status()).isEqualTo(404);
    assertThat(client.get("responder", "/api/maintenance").body()).hasSize(2);
    JsonNode delivered = client.get("comms", "/api/maintenance/" + futureId).body().path("subscriberDeliveries");
    assertThat(delivered.path("delivered").asLong()).isEqualTo(4);

    html = client.get(null, "/status").body().asText();
    for (String page : List.of(html, feed, summary.toString(),
        client.get(null, "/status/scheduled-maintenances.json").body().toString())) {
      assertThat(page).doesNotContain("comms", "Chris", "manager", "createdBy", "reader@example.com");
    }
  }

  private static Map<String, Object> request(String title, List<String> components, String from, String until) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("title", title);
    request.put("description", "Please describe the window.");
    request.put("components", components);
    request.put("scheduledFor", from);
    request.put("scheduledUntil", until);
    return request;
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private static String component(JsonNode summary, String name) {
    for (JsonNode component : summary.path("components")) {
      if (name.equals(component.path("name").asText())) {
        return component.path("status").asText();
      }
    }
    throw new AssertionError("no component " + name);
  }

  private MimeMessage awaitMail(String subject) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (MimeMessage message : smtp.getReceivedMessagesForDomain("reader@example.com")) {
        if (subject.equals(message.getSubject())) {
          return message;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No mail '" + subject + "'");
  }

  static ServeEvent awaitHook(String bodyContains, int status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (ServeEvent event : HOOK.getAllServeEvents()) {
        if (event.getRequest().getBodyAsString().contains(bodyContains) && event.getResponse().getStatus() == status) {
          return event;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No webhook call with '" + bodyContains + "' answered " + status);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
