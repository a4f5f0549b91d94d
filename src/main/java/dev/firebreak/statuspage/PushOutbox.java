package dev.firebreak.statuspage;

import dev.firebreak.platform.outbox.Outbox;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Web Push deliveries (table {@code push_outbox}), on the platform {@link Outbox}: written in the
 * publishing transaction, sent after commit and every poll interval, a failure retried with backoff
 * (a call refused by the push service's open circuit breaker is not an attempt), given up after
 * max-attempts. A push service that answers 404 or 410 has dropped the subscription: Firebreak
 * deletes it (and its pending pushes) at once.
 */
@Component
class PushOutbox implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PushOutbox.class);

  private final JdbcClient jdbc;
  private final PushSender sender;
  private final EngineClock clock;
  private final Outbox outbox;

  PushOutbox(JdbcClient jdbc, PushSender sender, EngineClock clock, StatusPageProperties properties) {
    this.jdbc = jdbc;
    this.sender = sender;
    this.clock = clock;
    this.outbox = new Outbox("push-outbox", jdbc, clock, "push_outbox", "sent_at", properties.getPush(),
        this::dispatchDue);
  }

  /** Queues the payload for these subscriptions (once per delivery key); call inside the writing transaction. */
  int enqueue(List<Long> subscriptionIds, String deliveryKey, String payload) {
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    int queued = 0;
    for (long id : subscriptionIds) {
      if (jdbc.sql("SELECT COUNT(*) FROM push_outbox WHERE subscription_id = ? AND delivery_key = ?")
          .params(id, deliveryKey).query(Long.class).single() > 0) {
        continue;
      }
      jdbc.sql("""
          INSERT INTO push_outbox (subscription_id, delivery_key, payload, attempts, next_attempt_at, created_at)
          VALUES (?, ?, ?, 0, ?, ?)""").params(id, deliveryKey, payload, now, now).update();
      queued++;
    }
    if (queued > 0) {
      outbox.dispatchAfterCommit();
    }
    return queued;
  }

  /** Sends every due push once; returns how many the push services accepted. Tests call it to send at once. */
  synchronized int dispatchDue() {
    List<Map<String, Object>> due = jdbc.sql("""
        SELECT o.id, o.payload, o.attempts, s.id AS subscription_id, s.endpoint, s.p256dh, s.auth
        FROM push_outbox o JOIN push_subscription s ON s.id = o.subscription_id
        WHERE\s""" + outbox.dueCondition("o.") + " ORDER BY o.id LIMIT 100")
        .param(clock.now().atOffset(ZoneOffset.UTC)).query().listOfRows();
    Set<String> open = new HashSet<>();
    int sent = 0;
    for (Map<String, Object> row : due) {
      long id = ((Number) row.get("id")).longValue();
      String endpoint = (String) row.get("endpoint");
      String breaker = sender.breakerFor(endpoint);
      if (open.contains(breaker) || !outbox.lease(id)) {
        continue;
      }
      int attempts = ((Number) row.get("attempts")).intValue();
      try {
        sender.send(endpoint, (String) row.get("p256dh"), (String) row.get("auth"), (String) row.get("payload"));
        outbox.sent(id, attempts + 1);
        sent++;
      } catch (PushSender.Gone e) {
        // the browser unsubscribed or the push service expired it: never send there again
        jdbc.sql("DELETE FROM push_subscription WHERE id = ?").param(row.get("subscription_id")).update();
        log.info("Push subscription {} removed: {}", row.get("subscription_id"), e.getMessage());
      } catch (WebhookSender.RefusedTarget | PushSender.Rejected e) {
        outbox.giveUp(id, attempts + 1, e.getMessage());
        log.warn("Push {} refused: {}", id, e.getMessage());
      } catch (OutsideSystemUnavailableException e) {
        open.add(breaker);
        outbox.refusedByBreaker(id, attempts, e.getMessage());
      } catch (RuntimeException e) {
        Outbox.Failure failure = outbox.failed(id, attempts + 1, e.getMessage());
        if (failure.givenUp()) {
          log.error("Push {} failed {} times; giving up: {}", id, failure.attempts(), e.getMessage());
        } else {
          log.warn("Push {} failed (attempt {}), retrying in {}: {}", id, failure.attempts(), failure.delay(),
              e.getMessage());
        }
      }
    }
    return sent;
  }

  /** Counts of a delivery key's pushes: sent, pending, failed. */
  Map<String, Long> counts(String deliveryKey) {
    return outbox.counts("sent", "delivery_key = ?", deliveryKey);
  }

  Duration backoff(int failedAttempts) {
    return outbox.backoff(failedAttempts);
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
