package dev.firebreak.statuspage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.notify.EmailChannel;
import dev.firebreak.notify.PublicEmail;
import dev.firebreak.platform.resilience.Breakers;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Circuit breakers around SMTP and subscriber webhooks, and the outbox that retries what was not
 * delivered: with SMTP down the "smtp" breaker opens after a few failures and sends fail fast; the
 * maintenance notice waits in the outbox and arrives once SMTP is back. A webhook subscriber that
 * answers 500 gets the notice later, with a valid signature.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tests otherwise replace the Prometheus registry
@DirtiesContext
class SubscriberDeliveryResilienceIT {

  static final int SMTP_PORT = MaintenanceIT.freePort();
  static final ServerSetup SMTP = new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp");
  static final WireMockServer HOOK = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static GreenMail greenMail;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
    registry.add("firebreak.status-page.delivery.poll-interval", () -> "200ms");
    // the fake subscribers are http on localhost
    registry.add("firebreak.status-page.subscribers.allow-http", () -> "true");
    registry.add("firebreak.status-page.subscribers.allow-private-addresses", () -> "true");
    registry.add("firebreak.status-page.delivery.retry-initial", () -> "300ms");
    registry.add("firebreak.status-page.delivery.retry-max", () -> "1s");
    for (String breaker : List.of("smtp", "subscriber-webhooks")) {
      String prefix = "resilience4j.circuitbreaker.instances." + breaker + ".";
      registry.add(prefix + "sliding-window-size", () -> "3");
      registry.add(prefix + "minimum-number-of-calls", () -> "3");
      registry.add(prefix + "wait-duration-in-open-state", () -> "2s");
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  EmailChannel email;
  @Autowired
  Breakers breakers;

  @BeforeAll
  static void start() {
    greenMail = startSmtp();
    HOOK.start();
    // this test's notices fail three times, then get through; everything else is accepted
    HOOK.stubFor(post(urlEqualTo("/hook")).atPriority(10).willReturn(aResponse().withStatus(204)));
    HOOK.stubFor(post(urlEqualTo("/hook")).atPriority(1).withRequestBody(containing("Webhook window"))
        .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
    HOOK.stubFor(post(urlEqualTo("/hook")).atPriority(1).withRequestBody(containing("Webhook window"))
        .inScenario("flaky").whenScenarioStateIs("failed once")
        .willReturn(aResponse().withStatus(500)).willSetStateTo("failed twice"));
    HOOK.stubFor(post(urlEqualTo("/hook")).atPriority(1).withRequestBody(containing("Webhook window"))
        .inScenario("flaky").whenScenarioStateIs("failed twice")
        .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
  }

  @AfterAll
  static void stop() {
    greenMail.stop();
    HOOK.stop();
  }

  static GreenMail startSmtp() {
    GreenMail server = new GreenMail(SMTP).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    server.start();
    return server;
  }

  @Test
  void smtpBreakerOpensFailsFastAndTheNoticeArrivesWhenSmtpIsBack() throws Exception {
    LifecycleClient client = new LifecycleClient(port);
    confirmEmail(client, "patient@example.com");
    awaitMail("patient@example.com", "Confirm your status updates subscription");
    CircuitBreaker smtp = breakers.breaker(Breakers.SMTP);

    smtp.reset(); // count from here: the confirmation above was a success in the window
    greenMail.stop();
    for (int i = 0; i < 3; i++) {
      assertThat(smtp.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
      assertThatThrownBy(() -> email.sendPublic(new PublicEmail(List.of("probe@example.com"), "probe", "probe", null)))
          .isInstanceOf(IllegalStateException.class).isNotInstanceOf(OutsideSystemUnavailableException.class)
          .hasMessageContaining("failed");
    }
    assertThat(smtp.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    long started = System.nanoTime();
    assertThatThrownBy(() -> email.sendPublic(new PublicEmail(List.of("probe@example.com"), "probe", "probe", null)))
        .isInstanceOf(OutsideSystemUnavailableException.class)
        .hasMessageContaining("circuit breaker 'smtp' is OPEN");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast").isLessThan(Duration.ofMillis(500));

    // scheduling works while SMTP is down: the notice waits in the outbox
    var scheduled = client.post("comms", "/api/maintenance", request("Mail window", "payments"));
    assertThat(scheduled.status()).isEqualTo(201);
    long id = scheduled.body().path("id").asLong();
    Thread.sleep(3000);
    assertThat(client.get("comms", "/api/maintenance/" + id).body().path("subscriberDeliveries").path("pending").asLong())
        .isGreaterThanOrEqualTo(1);
    assertThat(scrape(client)).contains("resilience4j_circuitbreaker_state{", "name=\"smtp\"",
        "name=\"subscriber-webhooks\"");

    greenMail = startSmtp();
    MimeMessage notice = awaitMail("patient@example.com", "[Scheduled maintenance] Mail window");
    assertThat(notice.getHeader("List-Unsubscribe")).isNotEmpty();
    awaitDelivered(id, "patient@example.com");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (smtp.getState() != CircuitBreaker.State.CLOSED && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(smtp.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void webhookAnswering500IsRetriedAndDeliveredLaterWithAValidSignature() throws Exception {
    LifecycleClient client = new LifecycleClient(port);
    client.post(null, "/status/subscribe", Map.of("webhookUrl", HOOK.baseUrl() + "/hook"));
    // another test of this class may have subscribed the URL first: a repeat never shows the secret
    String secret = jdbc.sql("SELECT secret FROM subscriber WHERE address = ?").param(HOOK.baseUrl() + "/hook")
        .query(String.class).single();
    List<CircuitBreaker.StateTransition> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();
    breakers.breaker(breakers.subscriberWebhook(java.net.URI.create(HOOK.baseUrl()))).getEventPublisher()
        .onStateTransition(event -> transitions.add(event.getStateTransition()));

    var scheduled = client.post("comms", "/api/maintenance", request("Webhook window", "checkout"));
    assertThat(scheduled.status()).isEqualTo(201);
    long id = scheduled.body().path("id").asLong();

    ServeEvent delivered = awaitHook("Webhook window", 204);
    List<ServeEvent> attempts = HOOK.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getBodyAsString().contains("Webhook window")).toList();
    assertThat(attempts.stream().filter(e -> e.getResponse().getStatus() == 500)).hasSize(3);
    String body = delivered.getRequest().getBodyAsString();
    String timestamp = delivered.getRequest().getHeader("X-Firebreak-Timestamp");
    assertThat(delivered.getRequest().getHeader("X-Firebreak-Signature"))
        .isEqualTo("sha256=" + Subscribers.sign(secret, timestamp + "." + body));
    assertThat(Long.parseLong(timestamp)).as("signed when sent, not when queued")
        .isGreaterThanOrEqualTo(Instant.parse(scheduled.body().path("createdAt").asText()).getEpochSecond());
    assertThat(new ObjectMapper().readTree(body).path("scheduled_maintenance").path("name").asText())
        .isEqualTo("Webhook window");

    Map<String, Object> row = jdbc.sql("""
        SELECT o.attempts, o.delivered_at, o.last_error FROM subscriber_outbox o JOIN subscriber s ON s.id = o.subscriber_id
        WHERE s.address = ? AND o.delivery_key LIKE ?""").params(HOOK.baseUrl() + "/hook", "maintenance-" + id + "-%")
        .query().singleRow();
    assertThat(row.get("delivered_at")).isNotNull();
    assertThat(((Number) row.get("attempts")).intValue()).as("three failures and the delivery; calls the open breaker "
        + "refused do not count").isEqualTo(4);
    assertThat(transitions).as("opened after three 500s, let one call through later, closed again").containsSubsequence(
        CircuitBreaker.StateTransition.CLOSED_TO_OPEN, CircuitBreaker.StateTransition.OPEN_TO_HALF_OPEN,
        CircuitBreaker.StateTransition.HALF_OPEN_TO_CLOSED);
  }

  @Test
  void aSubscriberWhoseServerIsDownNeverHoldsUpTheOthers() throws Exception {
    WireMockServer broken = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    broken.start();
    try {
      broken.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
          com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).willReturn(aResponse().withStatus(500)));
      LifecycleClient client = new LifecycleClient(port);
      client.post(null, "/status/subscribe", Map.of("webhookUrl", broken.baseUrl() + "/hook"));
      client.post(null, "/status/subscribe", Map.of("webhookUrl", HOOK.baseUrl() + "/hook"));
      CircuitBreaker brokenBreaker = breakers.breaker(breakers.subscriberWebhook(java.net.URI.create(broken.baseUrl())));

      for (int window = 1; window <= 3; window++) {
        assertThat(client.post("comms", "/api/maintenance", request("Busy window " + window, "checkout")).status())
            .isEqualTo(201);
        awaitHook("Busy window " + window, 204);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (brokenBreaker.getState() != CircuitBreaker.State.OPEN && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(brokenBreaker.getState()).as("the broken subscriber's breaker").isEqualTo(CircuitBreaker.State.OPEN);

      assertThat(client.post("comms", "/api/maintenance", request("Late window", "checkout")).status()).isEqualTo(201);
      awaitHook("Late window", 204);
      assertThat(brokenBreaker.getState()).as("delivered while the broken one is still refused")
          .isEqualTo(CircuitBreaker.State.OPEN);
    } finally {
      broken.stop();
    }
  }

  private static ServeEvent awaitHook(String bodyContains, int status) throws InterruptedException {
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

  private void confirmEmail(LifecycleClient client, String address) {
    assertThat(client.post(null, "/status/subscribe", Map.of("email", address)).status()).isEqualTo(202);
    String token = jdbc.sql("SELECT confirm_token FROM subscriber WHERE address = ?").param(address)
        .query(String.class).single();
    assertThat(client.get(null, "/status/subscriptions/confirm?token=" + token).status()).isEqualTo(200);
  }

  private void awaitDelivered(long id, String address) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (jdbc.sql("""
          SELECT COUNT(*) FROM subscriber_outbox o JOIN subscriber s ON s.id = o.subscriber_id
          WHERE s.address = ? AND o.delivery_key LIKE ? AND o.delivered_at IS NOT NULL""")
          .params(address, "maintenance-" + id + "-%").query(Long.class).single() == 1) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not marked delivered");
  }

  private String scrape(LifecycleClient client) {
    return client.get("admin", "/actuator/prometheus").body().asText();
  }

  private static Map<String, Object> request(String title, String component) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("title", title);
    request.put("description", "Short window.");
    request.put("components", List.of(component));
    request.put("scheduledFor", Instant.now().plus(Duration.ofDays(2)).toString());
    request.put("scheduledUntil", Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(1)).toString());
    return request;
  }

  private MimeMessage awaitMail(String to, String subject) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (MimeMessage message : greenMail.getReceivedMessagesForDomain(to)) {
        if (subject.equals(message.getSubject())) {
          return message;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No mail '" + subject + "' to " + to);
  }
}
