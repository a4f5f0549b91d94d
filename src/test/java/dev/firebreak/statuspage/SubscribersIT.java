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
    MimeMessage notice = awaitMail("reader@example.com", "[investigating]");
    String text = GreenMailUtil.getBody(notice);
    assertThat(text).contains("Checkout fails for some users.").doesNotContain("INC-", "responder");
    assertThat(notice.getHeader("List-Unsubscribe")[0]).contains("/status/unsubscribe?token=");
    assertThat(smtp.getReceivedMessagesForDomain("ignored@example.com")).as("never confirmed")
        .noneMatch(m -> subject(m).startsWith("["));

    awaitCalls(1);
    Map<String, Object> call = calls.get(0);
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
    awaitCalls(2);
    assertThat(smtp.getReceivedMessagesForDomain("reader@example.com")).hasSize(before);
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
    awaitCalls(1);
    assertThat((String) calls.get(calls.size() - 1).get("body")).contains("Payments are slow; we are on it.");
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

  private void awaitCalls(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (calls.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(calls).hasSizeGreaterThanOrEqualTo(count);
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
