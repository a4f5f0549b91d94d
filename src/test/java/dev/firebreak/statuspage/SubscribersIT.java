package dev.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.firebreak.incident.LifecycleClient;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** Subscriptions: e-mail with double opt-in and one-click unsubscribe, signed webhooks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
    // the fake webhook subscriber is http on 127.0.0.1
    "firebreak.status-page.subscribers.allow-http=true",
    "firebreak.status-page.subscribers.allow-private-addresses=true",
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class SubscribersIT {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @LocalServerPort
  int port;
  LifecycleClient client;
  HttpServer webhook;
  final List<Map<String, Object>> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    client = new LifecycleClient(port);
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      calls.add(Map.of("body", body,
          "signature", exchange.getRequestHeaders().getFirst("X-Firebreak-Signature"),
          "timestamp", exchange.getRequestHeaders().getFirst("X-Firebreak-Timestamp")));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    webhook.createContext("/broken", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    webhook.start();
  }

  @AfterEach
  void stop() {
    webhook.stop(0);
  }

  @Test
  void confirmedSubscribersGetPublicUpdatesUntilTheyUnsubscribe() throws Exception {
    var pending = client.post(null, "/status/subscribe", Map.of("email", "Reader@Example.com"));
    assertThat(pending.status()).isEqualTo(202);
    MimeMessage confirmation = awaitMail("reader@example.com", "Confirm your status updates subscription");
    String confirmLink = link(GreenMailUtil.getBody(confirmation), "/status/subscriptions/confirm\\?token=[0-9a-f]+");
    client.post(null, "/status/subscribe", Map.of("email", "ignored@example.com"));

    var hook = client.post(null, "/status/subscribe", Map.of("webhookUrl",
        "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"));
    assertThat(hook.status()).isEqualTo(201);
    String secret = hook.body().path("secret").asText();
    assertThat(secret).hasSizeGreaterThan(20);
    assertThat(client.get(null, confirmLink).status()).isEqualTo(200);
    assertThat(client.post(null, "/status/subscribe", Map.of("email", "not-an-address")).status()).isEqualTo(400);

    publishUpdate("Checkout fails for some users.");
    // the first notice went out at once (SEV2, customer-facing), under the public title
    MimeMessage first = awaitMail("reader@example.com", "[investigating] Checkout unavailable");
    assertThat(GreenMailUtil.getBody(first)).contains("Checkout is unavailable since").doesNotContain("Checkout errors");
    MimeMessage notice = awaitMailContaining("reader@example.com", "Checkout fails for some users.");
    String text = GreenMailUtil.getBody(notice);
    assertThat(text).contains("Checkout fails for some users.").doesNotContain("INC-", "responder");
    assertThat(notice.getHeader("List-Unsubscribe")[0]).contains("/status/unsubscribe?token=");
    assertThat(smtp.getReceivedMessagesForDomain("ignored@example.com")).as("never confirmed")
        .noneMatch(m -> subject(m).startsWith("["));

    Map<String, Object> call = awaitCall("Checkout fails for some users.");
    String expected = "sha256=" + Subscribers.sign(secret, call.get("timestamp") + "." + call.get("body"));
    assertThat(call.get("signature")).isEqualTo(expected);
    JsonNode payload = new ObjectMapper().readTree((String) call.get("body"));
    assertThat(payload.path("update").path("body").asText()).isEqualTo("Checkout fails for some users.");
    assertThat(payload.path("incident").path("component").asText()).isEqualTo("Checkout");
    assertThat((String) call.get("body")).doesNotContain("responder", "secret internal");

    String unsubscribe = link(text, "/status/unsubscribe\\?token=[0-9a-f]+");
    assertThat(client.get(null, unsubscribe).status()).isEqualTo(200);
    int before = smtp.getReceivedMessagesForDomain("reader@example.com").length;
    publishUpdate("A fix is in place.");
    awaitCall("A fix is in place.");
    assertThat(smtp.getReceivedMessagesForDomain("reader@example.com")).hasSize(before);
  }

  /**
   * Issue 11: a public incident dismissed at triage as a false positive: its subscribers hear it was
   * a false alarm, once, in the notice's words and under the public title (never the reason triage
   * gave or the internal title), and summary.json no longer lists it (StatusPageIT: the page, the feed
   * and the component operational again).
   */
  @Test
  void subscribersHearOnceThatADismissedIncidentWasAFalseAlarm() throws Exception {
    assertThat(client.post(null, "/status/subscribe", Map.of("webhookUrl",
        "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook")).status()).isEqualTo(201);
    String internalTitle = "Checkout probe red " + System.nanoTime();
    var declared = client.post("responder", "/api/incidents", Map.of("title", internalTitle,
        "service", "checkout", "incidentType", "outage", "impactScope", "part-of-users"));
    String key = declared.body().path("incident").path("key").asText();
    String id = "\"" + key.toLowerCase() + "\"";
    awaitCall(id, "Checkout is unavailable since");

    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "dismiss",
        "dismissReason", "Synthetic check misconfigured"));
    Map<String, Object> call = awaitCall(id, "false alarm");
    JsonNode payload = new ObjectMapper().readTree((String) call.get("body"));
    assertThat(payload.path("update").path("status").asText()).isEqualTo("resolved");
    assertThat(payload.path("update").path("body").asText()).isEqualTo("On closer inspection the problem reported "
        + "for Checkout was a false alarm: Checkout was not affected and works normally. We apologise for any concern.");
    assertThat(payload.path("incident").path("name").asText()).as("under its public title").isEqualTo("Checkout unavailable");
    assertThat((String) call.get("body")).doesNotContain("Synthetic check misconfigured", internalTitle);

    Thread.sleep(3000);
    assertThat(calls).as("once").filteredOn(c -> String.valueOf(c.get("body")).contains(id)
        && String.valueOf(c.get("body")).contains("false alarm")).hasSize(1);
    JsonNode summary = client.get(null, "/status/summary.json").body();
    assertThat(summary.path("incidents").toString()).as("no longer an active incident").doesNotContain(key.toLowerCase());
  }

  @Test
  void aBrokenWebhookSubscriberNeverHoldsUpTheStatusPage() throws Exception {
    String base = "http://127.0.0.1:" + webhook.getAddress().getPort();
    assertThat(client.post(null, "/status/subscribe", Map.of("webhookUrl", base + "/broken")).status()).isEqualTo(201);
    assertThat(client.post(null, "/status/subscribe", Map.of("webhookUrl", base + "/hook")).status()).isEqualTo(201);

    publishUpdate("Payments are slow; we are on it.");

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String summary = "";
    while (!summary.contains("Payments are slow; we are on it.") && System.nanoTime() < deadline) {
      summary = client.get(null, "/status/summary.json").body().toString();
      Thread.sleep(200);
    }
    assertThat(summary).as("the public page has the update although one subscriber answers 500")
        .contains("Payments are slow; we are on it.");
    assertThat((String) awaitCall("Payments are slow; we are on it.").get("body")).contains("Payments are slow; we are on it.");
  }

  private void publishUpdate(String message) {
    var declared = client.post("responder", "/api/incidents", Map.of("title", "Checkout errors " + System.nanoTime(),
        "service", "checkout", "incidentType", "outage", "impactScope", "part-of-users"));
    String key = declared.body().path("incident").path("key").asText();
    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", false));
    client.post("responder", "/api/incidents/" + key + "/timeline", Map.of("text", "secret internal note"));
    client.fireTimer("admin", declared.body().path("incident").path("processInstanceId").asText(), "StatusUpdateTimer");
    client.workTask("comms", key, "ApprovePublicNotice", Map.of("statusPhase", "investigating", "statusMessage", message));
  }

  private MimeMessage awaitMail(String to, String subjectStart) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (MimeMessage message : smtp.getReceivedMessagesForDomain(to)) {
        if (subject(message).startsWith(subjectStart)) {
          return message;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No mail '" + subjectStart + "' to " + to);
  }

  private MimeMessage awaitMailContaining(String to, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (MimeMessage message : smtp.getReceivedMessagesForDomain(to)) {
        if (GreenMailUtil.getBody(message).contains(text)) {
          return message;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No mail with '" + text + "' to " + to);
  }

  /** The webhook call whose body carries every one of the texts. */
  private Map<String, Object> awaitCall(String... texts) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (Map<String, Object> call : List.copyOf(calls)) {
        String body = String.valueOf(call.get("body"));
        if (java.util.Arrays.stream(texts).allMatch(body::contains)) {
          return call;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No webhook call with " + java.util.Arrays.toString(texts) + " in " + calls);
  }


  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String link(String text, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(text.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="));
    assertThat(matcher.find()).as("link %s in %s", pattern, text).isTrue();
    return matcher.group();
  }
}
