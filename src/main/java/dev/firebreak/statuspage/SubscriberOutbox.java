package dev.firebreak.statuspage;

import dev.firebreak.platform.time.EngineClock;

import dev.firebreak.notify.EmailChannel;
import dev.firebreak.notify.PublicEmail;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.outbox.Outbox;
import dev.firebreak.platform.resilience.Breakers;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import java.time.Duration;
import java.time.Instant;
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
 * Subscriber deliveries that do not run inside a Camunda job (maintenance notices, confirmation
 * links). A delivery is a row written in the same transaction as what it announces, so nothing is
 * sent for a rolled-back change and nothing is lost when SMTP or a subscriber is down. After commit
 * (and every poll interval) due rows are sent; a failure is retried with exponential backoff, a
 * call refused by an open circuit breaker is rescheduled without counting as an attempt, and after
 * max-attempts the row is marked failed and logged. Several nodes may poll: a node first leases a
 * row (a conditional UPDATE that only one node wins).
 */
@Component
class SubscriberOutbox implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SubscriberOutbox.class);

  /** What to send: subject and text for e-mail subscribers, payload (JSON) for webhook subscribers. */
  record Notice(String deliveryKey, String subject, String text, String payload) {
  }

  private final JdbcClient jdbc;
  private final EmailChannel email;
  private final WebhookSender webhooks;
  private final FirebreakProperties firebreak;
  private final StatusPageProperties.Delivery settings;
  private final EngineClock clock;
  private final Outbox outbox;

  SubscriberOutbox(JdbcClient jdbc, EmailChannel email, WebhookSender webhooks, FirebreakProperties firebreak,
      StatusPageProperties properties, EngineClock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.email = email;
    this.webhooks = webhooks;
    this.firebreak = firebreak;
    this.settings = properties.getDelivery();
    this.outbox = new Outbox("subscriber-outbox", jdbc, clock, "subscriber_outbox", "delivered_at", settings,
        this::dispatchDue);
  }

  /** Queues the notice for every confirmed subscriber; returns how many. Call inside the writing transaction. */
  int enqueueForConfirmed(Notice notice) {
    List<Long> ids = jdbc.sql("SELECT id FROM subscriber WHERE confirmed_at IS NOT NULL ORDER BY id")
        .query(Long.class).list();
    for (long id : ids) {
      insert(id, notice, true);
    }
    dispatchAfterCommit();
    return ids.size();
  }

  /** Queues the notice for one subscriber (confirmed or not, e.g. its confirmation link). */
  void enqueue(long subscriberId, Notice notice, boolean unsubscribeLink) {
    insert(subscriberId, notice, unsubscribeLink);
    dispatchAfterCommit();
  }

  private void insert(long subscriberId, Notice notice, boolean unsubscribeLink) {
    if (jdbc.sql("SELECT COUNT(*) FROM subscriber_outbox WHERE subscriber_id = ? AND delivery_key = ?")
        .params(subscriberId, notice.deliveryKey()).query(Long.class).single() > 0) {
      return;
    }
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    jdbc.sql("""
        INSERT INTO subscriber_outbox (subscriber_id, delivery_key, subject, mail_text, payload, unsubscribe_link,
          attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)""")
        .params(subscriberId, notice.deliveryKey(), notice.subject(), notice.text(), notice.payload(), unsubscribeLink,
            now, now)
        .update();
  }

  private void dispatchAfterCommit() {
    outbox.dispatchAfterCommit();
  }

  void dispatchSoon() {
    outbox.dispatchSoon();
  }

  /** Sends every due delivery once; returns how many were delivered. */
  synchronized int dispatchDue() {
    Instant now = clock.now();
    List<Map<String, Object>> due = jdbc.sql("""
        SELECT o.id, o.subject, o.mail_text, o.payload, o.unsubscribe_link, o.attempts,
               s.kind, s.address, s.secret, s.unsubscribe_token
        FROM subscriber_outbox o JOIN subscriber s ON s.id = o.subscriber_id
        WHERE\s""" + outbox.dueCondition("o.") + " ORDER BY o.id LIMIT 100").param(now.atOffset(ZoneOffset.UTC)).query().listOfRows();
    Set<String> open = new HashSet<>();
    int delivered = 0;
    for (Map<String, Object> row : due) {
      long id = ((Number) row.get("id")).longValue();
      boolean isEmail = Subscribers.EMAIL.equals(row.get("kind"));
      String breaker = isEmail ? Breakers.SMTP : webhooks.breakerFor((String) row.get("address"));
      if (open.contains(breaker) || !outbox.lease(id)) {
        continue;
      }
      int attempts = ((Number) row.get("attempts")).intValue();
      try {
        if (isEmail) {
          boolean withLink = Boolean.TRUE.equals(row.get("unsubscribe_link"));
          email.sendPublic(new PublicEmail(List.of((String) row.get("address")), (String) row.get("subject"),
              (String) row.get("mail_text"),
              withLink ? firebreak.getBaseUrl() + "/status/unsubscribe?token=" + row.get("unsubscribe_token") : null));
        } else {
          webhooks.post((String) row.get("address"), (String) row.get("secret"), (String) row.get("payload"));
        }
        outbox.sent(id, attempts + 1);
        delivered++;
      } catch (WebhookSender.RefusedTarget e) {
        // never sent: failed at once, with the reason (DNS may have changed since the subscription)
        outbox.giveUp(id, attempts + 1, e.getMessage());
        log.warn("Subscriber delivery {} to {} refused: {}", id, row.get("address"), e.getMessage());
      } catch (OutsideSystemUnavailableException e) {
        // not an attempt: the breaker refused the call; try again once it may be half-open
        open.add(breaker);
        outbox.refusedByBreaker(id, attempts, e.getMessage());
      } catch (RuntimeException e) {
        Outbox.Failure failure = outbox.failed(id, attempts + 1, e.getMessage());
        if (failure.givenUp()) {
          log.error("Subscriber delivery {} failed {} times; giving up: {}", id, failure.attempts(), e.getMessage());
        } else {
          log.warn("Subscriber delivery {} failed (attempt {}), retrying in {}: {}", id, failure.attempts(),
              failure.delay(), e.getMessage());
        }
      }
    }
    return delivered;
  }

  /** When this subscriber's deliveries whose key starts with the prefix were queued since the given time, oldest first. */
  List<Instant> queuedSince(long subscriberId, String deliveryKeyPrefix, Instant since) {
    return jdbc.sql("""
        SELECT created_at FROM subscriber_outbox WHERE subscriber_id = ? AND delivery_key LIKE ? AND created_at > ?
        ORDER BY created_at""").params(subscriberId, deliveryKeyPrefix + "%", since.atOffset(ZoneOffset.UTC))
        .query(OffsetDateTime.class).list().stream().map(OffsetDateTime::toInstant).toList();
  }

  /** Counts of a delivery key prefix's rows: delivered, pending, failed. */
  Map<String, Long> counts(String deliveryKeyPrefix) {
    return outbox.counts("delivered", "delivery_key LIKE ?", deliveryKeyPrefix + "%");
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
    outbox.stop(Duration.ZERO);
  }

  @Override
  public boolean isRunning() {
    return outbox.isRunning();
  }
}
