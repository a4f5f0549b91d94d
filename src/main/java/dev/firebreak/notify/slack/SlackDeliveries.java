package dev.firebreak.notify.slack;

import dev.firebreak.platform.time.EngineClock;
import org.springframework.stereotype.Component;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The slack_delivery table: which Slack channel and message hold an incident's card. Every write
 * commits at once in its own transaction: when the job fails after Slack accepted a call, the
 * retry must still know the channel and message exist, or it would create or post them twice.
 */
@Component
class SlackDeliveries {

  /**
   * An incident's card in one channel; {@code channelId} and {@code messageTs} are null until known.
   * {@code postingMarker} and {@code postingAt}: a chat.postMessage of the card was started (with
   * this marker in its metadata) and its answer was never saved.
   */
  record Delivery(String incidentKey, String channel, String channelId, String channelName, String messageTs,
      String lastText, Set<String> invited, String postingMarker, java.time.Instant postingAt) {
  }

  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final TransactionTemplate ownTransaction;

  SlackDeliveries(JdbcClient jdbc, PlatformTransactionManager transactions, EngineClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  Optional<Delivery> find(String incidentKey, String channel) {
    return jdbc.sql("SELECT * FROM slack_delivery WHERE incident_key = ? AND channel = ?")
        .params(incidentKey, channel).query(SlackDeliveries::delivery).optional();
  }

  /** The incident's cards that have been posted. */
  List<Delivery> cards(String incidentKey) {
    return jdbc.sql("SELECT * FROM slack_delivery WHERE incident_key = ? AND message_ts IS NOT NULL ORDER BY channel")
        .param(incidentKey).query(SlackDeliveries::delivery).list();
  }

  private static Delivery delivery(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Delivery(rs.getString("incident_key"), rs.getString("channel"), rs.getString("channel_id"),
        rs.getString("channel_name"), rs.getString("message_ts"), rs.getString("last_text"),
        split(rs.getString("invited")), rs.getString("posting_marker"),
        Optional.ofNullable(rs.getObject("posting_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null));
  }

  /** The incident channel exists (created or found): remember its id and name. */
  void saveChannel(String incidentKey, String channel, String channelId, String channelName) {
    upsert(incidentKey, channel, "channel_id = ?, channel_name = ?", new Object[] {channelId, channelName},
        "channel_id, channel_name", new Object[] {channelId, channelName});
  }

  /**
   * Claims the card's post for one attempt: records {@code marker} (and now) before chat.postMessage,
   * committed at once, so a retry after a crash knows to look for it in the channel before posting
   * again, and a concurrent attempt waits instead of posting too. Succeeds only while the card has no
   * message and the recorded marker is still {@code expected} (null: none).
   */
  boolean claimPosting(String incidentKey, String channel, String expected, String marker) {
    OffsetDateTime at = now();
    Integer updated = ownTransaction.execute(status -> jdbc.sql("UPDATE slack_delivery SET posting_marker = ?, posting_at = ?, "
            + "updated_at = ? WHERE incident_key = ? AND channel = ? AND message_ts IS NULL AND "
            + (expected == null ? "posting_marker IS NULL" : "posting_marker = ?"))
        .params(expected == null ? new Object[] {marker, at, at, incidentKey, channel}
            : new Object[] {marker, at, at, incidentKey, channel, expected}).update());
    if (updated != null && updated > 0) {
      return true;
    }
    if (expected != null) {
      return false;
    }
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql("INSERT INTO slack_delivery (incident_key, channel, "
              + "posting_marker, posting_at, updated_at) VALUES (?, ?, ?, ?, ?)")
          .params(incidentKey, channel, marker, at, at).update());
      return true;
    } catch (org.springframework.dao.DataIntegrityViolationException e) {
      return false; // the row exists: another attempt posted or is posting the card
    }
  }

  /**
   * The attempt holding {@code marker} ended without an answer: when Slack surely did not post
   * (refused, rate-limited, circuit open) the claim is dropped; when it may have (a timeout, a 5xx)
   * the marker stays for the next attempt to look for, but no longer counts as in flight.
   */
  void endPosting(String incidentKey, String channel, String marker, boolean mayHavePosted, java.time.Duration lease) {
    ownTransaction.executeWithoutResult(status -> {
      if (mayHavePosted) {
        jdbc.sql("UPDATE slack_delivery SET posting_at = ? WHERE incident_key = ? AND channel = ? AND posting_marker = ?")
            .params(now().minus(lease).minusSeconds(1), incidentKey, channel, marker).update();
      } else {
        jdbc.sql("UPDATE slack_delivery SET posting_marker = NULL, posting_at = NULL WHERE incident_key = ? AND channel = ? "
                + "AND posting_marker = ?").params(incidentKey, channel, marker).update();
      }
    });
  }

  /** Whether the card's recorded post attempt started less than {@code lease} ago (so may still be running). */
  boolean postingInFlight(Delivery delivery, java.time.Duration lease) {
    return delivery.postingMarker() != null && delivery.postingAt() != null
        && delivery.postingAt().isAfter(clock.now().minus(lease));
  }

  /** The card was posted: from now on it is updated in place. */
  void saveMessage(String incidentKey, String channel, String channelId, String messageTs, String text) {
    String last = limit(text);
    upsert(incidentKey, channel, "channel_id = ?, message_ts = ?, last_text = ?, posting_marker = NULL, posting_at = NULL",
        new Object[] {channelId, messageTs, last}, "channel_id, message_ts, last_text",
        new Object[] {channelId, messageTs, last});
  }

  /** The card now shows this update. */
  void saveText(String incidentKey, String channel, String text) {
    String last = limit(text);
    upsert(incidentKey, channel, "last_text = ?", new Object[] {last}, "last_text", new Object[] {last});
  }

  private static String limit(String text) {
    return text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
  }

  /** The card is gone from Slack (deleted by someone): the next update posts a new one. */
  void forgetMessage(String incidentKey, String channel) {
    ownTransaction.executeWithoutResult(status -> jdbc.sql(
            "UPDATE slack_delivery SET message_ts = NULL, updated_at = ? WHERE incident_key = ? AND channel = ?")
        .params(now(), incidentKey, channel).update());
  }

  void saveInvited(String incidentKey, String channel, Set<String> invited) {
    String joined = String.join(" ", invited);
    upsert(incidentKey, channel, "invited = ?", new Object[] {joined}, "invited", new Object[] {joined});
  }

  private void upsert(String incidentKey, String channel, String set, Object[] setValues, String columns,
      Object[] values) {
    ownTransaction.executeWithoutResult(status -> {
      Object[] updateParams = concat(setValues, new Object[] {now(), incidentKey, channel});
      int updated = jdbc.sql("UPDATE slack_delivery SET " + set + ", updated_at = ? WHERE incident_key = ? AND channel = ?")
          .params(updateParams).update();
      if (updated == 0) {
        String marks = String.join(", ", java.util.Collections.nCopies(values.length, "?"));
        jdbc.sql("INSERT INTO slack_delivery (incident_key, channel, " + columns + ", updated_at) VALUES (?, ?, "
                + marks + ", ?)")
            .params(concat(concat(new Object[] {incidentKey, channel}, values), new Object[] {now()})).update();
      }
    });
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private OffsetDateTime now() {
    return clock.now().atOffset(ZoneOffset.UTC);
  }

  private static Set<String> split(String invited) {
    Set<String> ids = new LinkedHashSet<>();
    if (invited != null) {
      for (String id : invited.trim().split("\\s+")) {
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
    }
    return ids;
  }
}
