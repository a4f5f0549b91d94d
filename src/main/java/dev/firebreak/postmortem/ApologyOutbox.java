package dev.firebreak.postmortem;

import dev.firebreak.platform.security.Hashes;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.EmailChannel;
import dev.firebreak.notify.NotifyProperties;
import dev.firebreak.notify.PublicEmail;
import dev.firebreak.platform.outbox.Outbox;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
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
 * The customer apology e-mails (issue 17.4) on the platform {@link Outbox}: a row per incident and
 * address (table apology_outbox, unique), written in the queueing job's transaction, sent after
 * commit by the sender thread through the {@link EmailChannel} as a public e-mail (with the
 * subscriber's unsubscribe link), its Message-ID the same on every attempt. A failure is retried
 * with backoff (a call the open SMTP breaker refuses is no attempt); after max-attempts the row is
 * failed and the timeline says so. So a retried job never sends twice and a failing SMTP loses nothing.
 */
@Component
class ApologyOutbox implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ApologyOutbox.class);
  private static final String SEPARATOR = "\n\n— — —\n\n";

  private final JdbcClient jdbc;
  private final EmailChannel email;
  private final Incidents incidents;
  private final EngineClock clock;
  private final String domain;
  private final Outbox outbox;

  ApologyOutbox(JdbcClient jdbc, EmailChannel email, Incidents incidents, EngineClock clock,
      ApologyProperties settings, NotifyProperties notify) {
    this.jdbc = jdbc;
    this.email = email;
    this.incidents = incidents;
    this.clock = clock;
    String from = notify.getMailFrom();
    this.domain = from != null && from.contains("@")
        ? from.substring(from.indexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "") : "firebreak.localhost";
    this.outbox = new Outbox("apology-outbox", jdbc, clock, "apology_outbox", "sent_at", settings, this::dispatchDue);
  }

  /** Queues the apology for one recipient, once per incident; 1 when queued now, 0 when it already was. */
  int insert(String key, CustomerApologies.Recipient recipient) {
    if (jdbc.sql("SELECT COUNT(*) FROM apology_outbox WHERE incident_key = ? AND recipient = ?")
        .params(key, recipient.address()).query(Long.class).single() > 0) {
      return 0;
    }
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    String messageId = "<apology-" + Hashes.sha256Hex(key + "\n" + recipient.address()).substring(0, 32) + "@" + domain + ">";
    jdbc.sql("""
        INSERT INTO apology_outbox (incident_key, recipient, origin, languages, unsubscribe_url, message_id, attempts,
          next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)""")
        .params(key, recipient.address(), recipient.origin(), recipient.languages(), recipient.unsubscribeUrl(),
            messageId, now, now)
        .update();
    return 1;
  }

  void dispatchAfterCommit() {
    outbox.dispatchAfterCommit();
  }

  /** Sends every due apology e-mail once; returns how many were sent. Tests call it to send at once. */
  synchronized int dispatchDue() {
    Instant now = clock.now();
    List<Map<String, Object>> due = jdbc.sql("""
        SELECT o.id, o.incident_key, o.recipient, o.languages, o.unsubscribe_url, o.message_id, o.attempts,
               a.subject_ko, a.body_ko, a.subject_en, a.body_en
        FROM apology_outbox o JOIN customer_apology a ON a.incident_key = o.incident_key
        WHERE\s""" + outbox.dueCondition("o.") + " ORDER BY o.id LIMIT 100")
        .param(now.atOffset(ZoneOffset.UTC)).query().listOfRows();
    int sent = 0;
    for (Map<String, Object> row : due) {
      long id = ((Number) row.get("id")).longValue();
      if (!outbox.lease(id)) {
        continue;
      }
      int attempts = ((Number) row.get("attempts")).intValue();
      String languages = (String) row.get("languages");
      String subject;
      String text;
      if ("ko".equals(languages)) {
        subject = (String) row.get("subject_ko");
        text = (String) row.get("body_ko");
      } else if ("en".equals(languages)) {
        subject = (String) row.get("subject_en");
        text = (String) row.get("body_en");
      } else {
        subject = row.get("subject_ko") + " / " + row.get("subject_en");
        text = row.get("body_ko") + SEPARATOR + row.get("body_en");
      }
      try {
        email.sendPublic(new PublicEmail(List.of((String) row.get("recipient")), subject, text,
            (String) row.get("unsubscribe_url"), (String) row.get("message_id")));
        outbox.sent(id, attempts + 1);
        sent++;
      } catch (OutsideSystemUnavailableException e) {
        // not an attempt: the breaker refused the call; the rest of this round would be refused too
        outbox.refusedByBreaker(id, attempts, e.getMessage());
        break;
      } catch (RuntimeException e) {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Outbox.Failure failure = outbox.failed(id, attempts + 1, error);
        if (failure.givenUp()) {
          log.error("Apology {} to {} failed {} times; giving up: {}", id, row.get("recipient"), failure.attempts(), error);
          String key = (String) row.get("incident_key");
          incidents.note(key, null, TimelineEntry.Kind.FAILURE, incidents.words().get("apology.failed",
              row.get("recipient"), failure.attempts(), Outbox.clip(error, 300)),
              Map.of("to", row.get("recipient"), "attempts", failure.attempts()));
        } else {
          log.warn("Apology {} to {} failed (attempt {}), retrying in {}: {}", id, row.get("recipient"),
              failure.attempts(), failure.delay(), error);
        }
      }
    }
    return sent;
  }

  /** Counts of an incident's apology e-mails: delivered, pending, failed. */
  Map<String, Long> counts(String key) {
    return outbox.counts("delivered", "incident_key = ?", key);
  }

  @Override
  public void start() {
    outbox.start();
  }

  @Override
  public void stop() {
    outbox.stop(Duration.ofSeconds(20));
  }

  @Override
  public boolean isRunning() {
    return outbox.isRunning();
  }
}
