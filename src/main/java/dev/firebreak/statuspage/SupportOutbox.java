package dev.firebreak.statuspage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.notify.SocialProperties;
import dev.firebreak.platform.outbox.Outbox;
import dev.firebreak.platform.resilience.Breakers;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import dev.firebreak.platform.time.EngineClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The support centre's and the social channels' deliveries (table {@code support_outbox}), on the
 * platform {@link Outbox}: the help-desk webhook (JSON signed with HMAC-SHA256 of "timestamp.body",
 * the headers of the subscriber webhooks) and the approved Mastodon post ({@code POST /api/v1/statuses}
 * with the delivery key as {@code Idempotency-Key}: Mastodon answers a repeated key with the post it
 * made, so a retry never posts twice). Written in the publishing transaction, sent after commit and
 * every poll interval, retried with backoff; a 4xx answer (other than 408/429) is given up at once.
 */
@Component
class SupportOutbox implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SupportOutbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final SupportProperties properties;
  private final SocialProperties social;
  private final Breakers breakers;
  private final Outbox outbox;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  SupportOutbox(JdbcClient jdbc, EngineClock clock, SupportProperties properties, SocialProperties social,
      Breakers breakers) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
    this.social = social;
    this.breakers = breakers;
    this.outbox = new Outbox("support-outbox", jdbc, clock, "support_outbox", "sent_at", properties, this::dispatchDue);
  }

  /** A refusal that a retry will not change. */
  static class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /** Queues a delivery (once per channel and key); call inside the writing transaction. */
  void enqueue(String channel, String deliveryKey, String incidentKey, String body) {
    if (jdbc.sql("SELECT COUNT(*) FROM support_outbox WHERE channel = ? AND delivery_key = ?")
        .params(channel, deliveryKey).query(Long.class).single() > 0) {
      return;
    }
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    jdbc.sql("""
        INSERT INTO support_outbox (channel, delivery_key, incident_key, body, attempts, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, 0, ?, ?)""").params(channel, deliveryKey, incidentKey, body, now, now).update();
    outbox.dispatchAfterCommit();
  }

  /** Sends every due delivery once; returns how many were accepted. Tests call it to send at once. */
  synchronized int dispatchDue() {
    List<Map<String, Object>> due = jdbc.sql("SELECT id, channel, delivery_key, body, attempts FROM support_outbox WHERE "
        + outbox.dueCondition("") + " ORDER BY id LIMIT 100")
        .param(clock.now().atOffset(ZoneOffset.UTC)).query().listOfRows();
    int sent = 0;
    for (Map<String, Object> row : due) {
      long id = ((Number) row.get("id")).longValue();
      if (!outbox.lease(id)) {
        continue;
      }
      int attempts = ((Number) row.get("attempts")).intValue();
      String channel = (String) row.get("channel");
      try {
        String remoteId = SupportBriefings.MASTODON.equals(channel)
            ? postToMastodon((String) row.get("delivery_key"), (String) row.get("body"))
            : postToHelpDesk((String) row.get("body"));
        outbox.sent(id, attempts + 1);
        if (remoteId != null) {
          jdbc.sql("UPDATE support_outbox SET remote_id = ? WHERE id = ?").params(remoteId, id).update();
        }
        sent++;
      } catch (Refused e) {
        outbox.giveUp(id, attempts + 1, e.getMessage());
        log.warn("Support delivery {} ({}) refused: {}", id, channel, e.getMessage());
      } catch (OutsideSystemUnavailableException e) {
        outbox.refusedByBreaker(id, attempts, e.getMessage());
      } catch (RuntimeException e) {
        Outbox.Failure failure = outbox.failed(id, attempts + 1, e.getMessage());
        log.warn("Support delivery {} ({}) failed (attempt {}){}: {}", id, channel, failure.attempts(),
            failure.givenUp() ? ", giving up" : ", retrying in " + failure.delay(), e.getMessage());
      }
    }
    return sent;
  }

  private String postToHelpDesk(String body) {
    String url = properties.getWebhookUrl();
    if (url == null || url.isBlank()) {
      throw new Refused("firebreak.support.webhook-url is no longer configured");
    }
    String secret = properties.getWebhookSecret() == null ? "" : properties.getWebhookSecret();
    return breakers.call(SupportBriefings.HELP_DESK, "Help desk", () -> {
      String timestamp = String.valueOf(clock.now().getEpochSecond());
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header(WebhookSender.TIMESTAMP_HEADER, timestamp)
          .header(WebhookSender.SIGNATURE_HEADER, "sha256=" + WebhookSender.sign(secret, timestamp + "." + body))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
      send(request, "Help desk");
      return null;
    });
  }

  private String postToMastodon(String deliveryKey, String body) {
    SocialProperties.Mastodon mastodon = social.getMastodon();
    if (!mastodon.configured()) {
      throw new Refused("firebreak.social.mastodon is no longer configured");
    }
    String base = mastodon.getBaseUrl().replaceAll("/+$", "");
    return breakers.call(SupportBriefings.MASTODON, "Mastodon", () -> {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/statuses"))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + mastodon.getAccessToken())
          .header("Idempotency-Key", idempotencyKey(deliveryKey))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
      String answer = send(request, "Mastodon");
      try {
        return JSON.readTree(answer).path("id").asText(null);
      } catch (java.io.IOException e) {
        return null;
      }
    });
  }

  /** The Idempotency-Key of a post: the same on every attempt of the same delivery. */
  static String idempotencyKey(String deliveryKey) {
    return "firebreak-" + java.util.UUID.nameUUIDFromBytes(deliveryKey.getBytes(StandardCharsets.UTF_8));
  }

  private String send(HttpRequest request, String system) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status >= 400 && status < 500 && status != 408 && status != 429) {
        throw new Refused(system + " refused the delivery: " + status);
      }
      if (status >= 300) {
        throw new IllegalStateException(system + " answered " + status);
      }
      return response.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(system + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Counts of an incident's deliveries of a channel: sent, pending, failed. */
  Map<String, Long> counts(String incidentKey, String channel) {
    return outbox.counts("sent", "incident_key = ? AND channel = ?", incidentKey, channel);
  }

  @Override
  public void start() {
    outbox.start();
  }

  @Override
  public void stop() {
    outbox.stop(Duration.ofSeconds(15));
  }

  @Override
  public boolean isRunning() {
    return outbox.isRunning();
  }
}
