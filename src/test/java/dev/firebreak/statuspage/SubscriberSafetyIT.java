package dev.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With the default settings, subscribers cannot aim Firebreak at the inside: webhook URLs must be
 * https and reach a public address (at subscription, and again at delivery), a repeated
 * subscription never shows the secret, and confirmation e-mails to one address are limited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SubscriberSafetyIT {

  /** A literal public address (nothing is sent to it in these tests: no update is published). */
  static final String PUBLIC = "https://93.184.215.14";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  SubscriberOutbox outbox;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
  }

  @Test
  void insideAddressesAndHttpAreRefusedNamingWebhookUrlAndWhy() throws Exception {
    Map<String, String> refused = Map.of(
        "https://127.0.0.1/hook", "a loopback address",
        "https://10.1.2.3/hook", "a private address",
        "https://192.168.0.10/hook", "a private address",
        "https://169.254.169.254/latest/meta-data/", "a cloud metadata address",
        "https://[fd00:ec2::254]/latest", "a cloud metadata address",
        "https://[::1]/hook", "a loopback address",
        "https://localhost:8443/hook", "a loopback address",
        "https://100.64.1.1/hook", "a carrier-grade NAT address",
        "https://[fc00::1]/hook", "a private address",
        "http://93.184.215.14/hook", "must be https");
    long before = jdbc.sql("SELECT COUNT(*) FROM subscriber").query(Long.class).single();
    for (Map.Entry<String, String> url : refused.entrySet()) {
      Answer answer = subscribe(Map.of("webhookUrl", url.getKey()));
      assertThat(answer.status()).as(url.getKey()).isEqualTo(400);
      assertThat(answer.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("webhookUrl");
      assertThat(answer.body().path("errors").get(0).path("message").asText()).as(url.getKey()).contains(url.getValue());
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM subscriber").query(Long.class).single()).as("nothing stored")
        .isEqualTo(before);
  }

  @Test
  void subscribingAgainNeverRevealsTheSecret() throws Exception {
    Answer first = subscribe(Map.of("webhookUrl", PUBLIC + "/firebreak"));
    assertThat(first.status()).isEqualTo(201);
    String secret = first.body().path("secret").asText();
    assertThat(secret).hasSizeGreaterThan(20);
    assertThat(first.body().path("unsubscribe").asText()).contains("/status/unsubscribe?token=");

    Answer again = subscribe(Map.of("webhookUrl", PUBLIC + "/firebreak"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("status").asText()).isEqualTo("active");
    assertThat(again.body().has("secret")).isFalse();
    assertThat(again.raw().body()).doesNotContain(secret);
  }

  @Test
  void aUrlThatNowResolvesInsideIsNeverCalledAndItsDeliveryFailsSayingWhy() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer inside = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    inside.createContext("/", exchange -> {
      calls.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    inside.start();
    try {
      // as if the subscriber's name pointed somewhere public when it subscribed, and at 127.0.0.1 now
      String url = "https://127.0.0.1:" + inside.getAddress().getPort() + "/hook";
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      jdbc.sql("""
          INSERT INTO subscriber (kind, address, secret, confirm_token, unsubscribe_token, created_at, confirmed_at)
          VALUES ('webhook', ?, 'old-secret', 'c-rebound', 'u-rebound', ?, ?)""").params(url, now, now).update();
      long id = jdbc.sql("SELECT id FROM subscriber WHERE address = ?").param(url).query(Long.class).single();
      outbox.enqueue(id, new SubscriberOutbox.Notice("rebound-1", "s", "t", "{}"), false);

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      Map<String, Object> row = Map.of();
      while (System.nanoTime() < deadline) {
        outbox.dispatchDue();
        row = jdbc.sql("SELECT failed_at, delivered_at, last_error FROM subscriber_outbox WHERE subscriber_id = ?")
            .param(id).query().singleRow();
        if (row.get("FAILED_AT") != null || row.get("failed_at") != null) {
          break;
        }
        Thread.sleep(100);
      }
      String error = String.valueOf(row.getOrDefault("LAST_ERROR", row.get("last_error")));
      assertThat(row.getOrDefault("FAILED_AT", row.get("failed_at"))).as("failed at once, not retried").isNotNull();
      assertThat(row.getOrDefault("DELIVERED_AT", row.get("delivered_at"))).isNull();
      assertThat(error).contains("Not sent", "a loopback address");
      assertThat(calls).as("never called").hasValue(0);
    } finally {
      inside.stop(0);
    }
  }

  @Test
  void confirmationMailsToOneAddressAreLimited() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(subscribe(Map.of("email", "flood@example.com")).status()).isEqualTo(202);
      Thread.sleep(5);
    }
    Answer fourth = subscribe(Map.of("email", "Flood@Example.com"));
    assertThat(fourth.status()).isEqualTo(429);
    assertThat(fourth.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(fourth.body().path("detail").asText()).contains("At most 3 confirmation e-mails", "per 1 hour");
    long retryAfter = Long.parseLong(fourth.raw().headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(3000L, 3600L);
    long id = jdbc.sql("SELECT id FROM subscriber WHERE address = 'flood@example.com'").query(Long.class).single();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM subscriber_outbox WHERE subscriber_id = ?").param(id)
        .query(Long.class).single()).as("nothing more queued").isEqualTo(3);

    assertThat(subscribe(Map.of("email", "someone-else@example.com")).status()).isEqualTo(202);
  }

  private Answer subscribe(Map<String, String> body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/status/subscribe"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()), response);
  }
}
