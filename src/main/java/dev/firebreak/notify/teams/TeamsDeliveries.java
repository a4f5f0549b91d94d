package dev.firebreak.notify.teams;

import dev.firebreak.platform.time.EngineClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The teams_delivery table (V30): one row per incident, channel and event. Like SlackDeliveries,
 * every write commits at once in its own transaction: when the job fails after Teams accepted a
 * card, the retry must still know the card was posted, or it would post it twice.
 */
@Component
@Conditional(TeamsConfigured.class)
class TeamsDeliveries {

  enum Kind { CARD, MESSAGE }

  /** One card of an incident in a channel; {@code seq} 0 is the incident's card, the rest follow-ups. */
  record Delivery(String incidentKey, String channel, String eventKey, int seq, Kind kind, String text,
      Instant postingAt, Instant postedAt, int attempts) {

    boolean posted() {
      return postedAt != null;
    }
  }

  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final TransactionTemplate ownTransaction;

  TeamsDeliveries(JdbcClient jdbc, PlatformTransactionManager transactions, EngineClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The event a message is: its kind and words. */
  static String eventKey(Kind kind, String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest((kind + "\n" + (text == null ? "" : text))
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Optional<Delivery> find(String incidentKey, String channel, String eventKey) {
    return jdbc.sql("SELECT * FROM teams_delivery WHERE incident_key = ? AND channel = ? AND event_key = ?")
        .params(incidentKey, channel, eventKey).query(TeamsDeliveries::delivery).optional();
  }

  /** The incident's first card in the channel (sequence 0), posted or not. */
  Optional<Delivery> first(String incidentKey, String channel) {
    return jdbc.sql("SELECT * FROM teams_delivery WHERE incident_key = ? AND channel = ? AND seq = 0")
        .params(incidentKey, channel).query(TeamsDeliveries::delivery).optional();
  }

  /** Every card of the incident in this channel, in order. */
  List<Delivery> all(String incidentKey, String channel) {
    return jdbc.sql("SELECT * FROM teams_delivery WHERE incident_key = ? AND channel = ? ORDER BY seq")
        .params(incidentKey, channel).query(TeamsDeliveries::delivery).list();
  }

  /**
   * Records the event with the next sequence number and claims its post for this attempt (committed
   * at once). Empty when the event is already recorded (by an earlier attempt or another node):
   * the caller reads that row instead.
   */
  Optional<Delivery> record(String incidentKey, String channel, String eventKey, Kind kind, String text) {
    for (int tries = 0; tries < 10; tries++) {
      if (find(incidentKey, channel, eventKey).isPresent()) {
        return Optional.empty();
      }
      OffsetDateTime at = now();
      try {
        Integer seq = ownTransaction.execute(status -> {
          int next = jdbc.sql("SELECT COALESCE(MAX(seq) + 1, 0) FROM teams_delivery WHERE incident_key = ? AND channel = ?")
              .params(incidentKey, channel).query(Integer.class).single();
          jdbc.sql("INSERT INTO teams_delivery (incident_key, channel, event_key, seq, kind, text, posting_at, attempts, "
                  + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)")
              .params(incidentKey, channel, eventKey, next, kind.name(), limit(text), at, at).update();
          return next;
        });
        return Optional.of(new Delivery(incidentKey, channel, eventKey, seq, kind, limit(text), at.toInstant(), null, 1));
      } catch (DataIntegrityViolationException e) {
        // another attempt recorded the same event (found on the next turn) or another event took this number
      }
    }
    throw new TeamsUnavailableException("Could not record the Teams card of " + incidentKey + " in " + channel
        + " (concurrent cards); retrying later", null);
  }

  /**
   * Claims the post of an event recorded earlier whose attempt ended without Teams' acceptance:
   * only when it is not posted and no attempt started less than {@code lease} ago (so none may
   * still be running).
   */
  boolean reclaim(Delivery delivery, Duration lease) {
    OffsetDateTime at = now();
    OffsetDateTime stale = at.minus(lease);
    Integer updated = ownTransaction.execute(status -> jdbc.sql("UPDATE teams_delivery SET posting_at = ?, "
            + "attempts = attempts + 1, updated_at = ? WHERE incident_key = ? AND channel = ? AND event_key = ? "
            + "AND posted_at IS NULL AND (posting_at IS NULL OR posting_at < ?)")
        .params(at, at, delivery.incidentKey(), delivery.channel(), delivery.eventKey(), stale).update());
    return updated != null && updated > 0;
  }

  /** Teams accepted the card. */
  void posted(Delivery delivery) {
    OffsetDateTime at = now();
    ownTransaction.executeWithoutResult(status -> jdbc.sql("UPDATE teams_delivery SET posted_at = ?, posting_at = NULL, "
            + "updated_at = ? WHERE incident_key = ? AND channel = ? AND event_key = ?")
        .params(at, at, delivery.incidentKey(), delivery.channel(), delivery.eventKey()).update());
  }

  /** The attempt ended without Teams' acceptance: the next attempt may post at once. */
  void failed(Delivery delivery) {
    ownTransaction.executeWithoutResult(status -> jdbc.sql("UPDATE teams_delivery SET posting_at = NULL, updated_at = ? "
            + "WHERE incident_key = ? AND channel = ? AND event_key = ? AND posted_at IS NULL")
        .params(now(), delivery.incidentKey(), delivery.channel(), delivery.eventKey()).update());
  }

  boolean inFlight(Delivery delivery, Duration lease) {
    return !delivery.posted() && delivery.postingAt() != null && delivery.postingAt().isAfter(clock.now().minus(lease));
  }

  private static Delivery delivery(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Delivery(rs.getString("incident_key"), rs.getString("channel"), rs.getString("event_key"),
        rs.getInt("seq"), Kind.valueOf(rs.getString("kind")), rs.getString("text"),
        instant(rs.getObject("posting_at", OffsetDateTime.class)), instant(rs.getObject("posted_at", OffsetDateTime.class)),
        rs.getInt("attempts"));
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  private static String limit(String text) {
    return text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
  }

  private OffsetDateTime now() {
    return clock.now().atOffset(ZoneOffset.UTC);
  }
}
