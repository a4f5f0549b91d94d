package dev.firebreak.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.time.Durations;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calm incident channels under an alert storm (table chat_alert_update). Alert updates never come
 * before the opening announcement: until the incident's channel has it, they only wait. After it,
 * each update redraws the card in place at once ({@link Notices#postAlertUpdate}), and a separate
 * update post, summarising the alert timeline since the previous one (alerts firing and resolved,
 * labels not seen before), goes out at most once per {@code firebreak.notify.alert-update-interval}.
 * What arrives inside the interval waits for its end: a sweep posts it then, so the last state is
 * always posted. A post happens under the incident's row lock and is recorded in the same
 * transaction, so two nodes never post the same summary; only a crash between Slack's answer and
 * the commit can repeat one.
 */
@Component
public class AlertUpdatePosts implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AlertUpdatePosts.class);
  private static final int LABEL_KEYS = 5;
  private static final int VALUES_PER_LABEL = 3;

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final EngineClock clock;
  private final ChatChannel chat;
  private final Incidents incidents;
  private final Texts texts;
  private final NotifyProperties properties;
  private final FirebreakProperties firebreak;
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "alert-update-posts");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean running;

  AlertUpdatePosts(JdbcClient jdbc, PlatformTransactionManager transactions, EngineClock clock, ChatChannel chat,
      Incidents incidents, Texts texts, NotifyProperties properties, FirebreakProperties firebreak) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.chat = chat;
    this.incidents = incidents;
    this.texts = texts;
    this.properties = properties;
    this.firebreak = firebreak;
  }

  private record State(boolean opened, boolean pending, Instant dueAt, Instant lastPostAt, long summarisedTo) {
  }

  /**
   * An alert update arrived (in the job's transaction): it waits for the next update post. False
   * while the channel has no opening announcement yet: then nothing may be posted, not even the card.
   */
  boolean updateArrived(String key) {
    State state = lock(key);
    Instant now = clock.now();
    Instant due = state.opened() ? (state.dueAt() != null ? state.dueAt() : nextPostAt(state, now)) : null;
    jdbc.sql("UPDATE chat_alert_update SET pending = TRUE, due_at = ?, updated_at = ? WHERE incident_key = ?")
        .params(utc(due), utc(now), key).update();
    postWhenDue(key, due, now);
    return state.opened();
  }

  /** The opening announcement is in the incident's channel (in the job's transaction): waiting updates may follow. */
  void opened(String key) {
    State state = lock(key);
    if (state.opened()) {
      return;
    }
    Instant now = clock.now();
    Instant due = state.pending() ? nextPostAt(state, now) : null;
    jdbc.sql("UPDATE chat_alert_update SET opened_at = ?, due_at = ?, updated_at = ? WHERE incident_key = ?")
        .params(utc(now), utc(due), utc(now), key).update();
    postWhenDue(key, due, now);
  }

  /** The interval after the last update post; the first update post goes out at once. */
  private Instant nextPostAt(State state, Instant now) {
    if (state.lastPostAt() == null) {
      return now;
    }
    Instant next = state.lastPostAt().plus(properties.getAlertUpdateInterval());
    return next.isAfter(now) ? next : now;
  }

  /** Posts right after the commit when the post is due now; otherwise the sweep posts it when it is. */
  private void postWhenDue(String key, Instant due, Instant now) {
    if (due == null || due.isAfter(now)) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          if (running) {
            sweeper.execute(() -> postQuietly(key));
          }
        }
      });
    }
  }

  /** The incident's row, locked until the transaction ends (created on first use). */
  private State lock(String key) {
    Optional<State> state = select(key);
    if (state.isPresent()) {
      return state.get();
    }
    // two first uses at once: one fails on the primary key, and its job is retried
    jdbc.sql("INSERT INTO chat_alert_update (incident_key, pending, summarised_to, posts, updated_at) "
        + "VALUES (?, FALSE, 0, 0, ?)").params(key, utc(clock.now())).update();
    return select(key).orElseThrow();
  }

  private Optional<State> select(String key) {
    return jdbc.sql("SELECT opened_at, pending, due_at, last_post_at, summarised_to FROM chat_alert_update "
            + "WHERE incident_key = ? FOR UPDATE")
        .param(key).query((rs, row) -> new State(rs.getObject(1, OffsetDateTime.class) != null, rs.getBoolean(2),
            instant(rs.getObject(3, OffsetDateTime.class)), instant(rs.getObject(4, OffsetDateTime.class)),
            rs.getLong(5)))
        .optional();
  }

  /** Posts every update post whose interval has ended; returns how many went out. */
  public int postDue() {
    List<String> due = jdbc.sql("SELECT incident_key FROM chat_alert_update WHERE pending = TRUE "
            + "AND opened_at IS NOT NULL AND due_at <= ? ORDER BY due_at")
        .param(utc(clock.now())).query(String.class).list();
    int posted = 0;
    for (String key : due) {
      if (postQuietly(key)) {
        posted++;
      }
    }
    return posted;
  }

  private boolean postQuietly(String key) {
    try {
      return Boolean.TRUE.equals(ownTransaction.execute(status -> post(key)));
    } catch (RuntimeException e) {
      // stays due: the next sweep tries again
      log.warn("Could not post the alert update of {}; trying again at the next sweep: {}", key, e.toString());
      return false;
    }
  }

  /** Under the row lock: summarises the alert timeline since the last post and posts it, once. */
  private boolean post(String key) {
    Optional<State> locked = select(key);
    Instant now = clock.now();
    if (locked.isEmpty() || !locked.get().opened() || !locked.get().pending() || locked.get().dueAt() == null
        || locked.get().dueAt().isAfter(now)) {
      return false;
    }
    State state = locked.get();
    IncidentRecord incident = incidents.require(key);
    Summary summary = summarise(incidents.timeline(key), state.summarisedTo());
    if (summary.firing() > 0 || summary.resolved() > 0) {
      chat.postMessage(new ChatMessage(key, Notices.channelFor(incident, properties), text(incident, state, summary, now),
          incident.drill()));
    }
    jdbc.sql("UPDATE chat_alert_update SET pending = FALSE, due_at = NULL, last_post_at = ?, summarised_to = ?, "
            + "posts = posts + 1, updated_at = ? WHERE incident_key = ?")
        .params(utc(now), Math.max(summary.lastEntry(), state.summarisedTo()), utc(now), key).update();
    return true;
  }

  /** What the alert timeline says after entry {@code after}: alerts firing and resolved, labels not seen before. */
  record Summary(int firing, int resolved, Map<String, List<String>> newLabels, long lastEntry) {
  }

  static Summary summarise(List<TimelineEntry> timeline, long after) {
    Set<String> seen = new LinkedHashSet<>();
    Map<String, List<String>> added = new LinkedHashMap<>();
    int firing = 0;
    int resolved = 0;
    long last = after;
    boolean opening = true;
    for (TimelineEntry entry : timeline) {
      if (!TimelineEntry.Kind.ALERT.equals(entry.kind()) || entry.details() == null
          || !entry.details().hasNonNull("status")) {
        continue;
      }
      boolean isFiring = "firing".equals(entry.details().path("status").asText());
      List<JsonNode> alerts = new ArrayList<>();
      if (entry.details().path("alerts").isArray()) {
        entry.details().path("alerts").forEach(alerts::add);
      } else {
        alerts.add(entry.details());
      }
      // the incident's first alert is what the opening announcement told
      boolean update = entry.id() > after && !(opening && isFiring);
      opening = false;
      for (JsonNode alert : alerts) {
        for (Iterator<Map.Entry<String, JsonNode>> labels = alert.path("labels").fields(); labels.hasNext(); ) {
          Map.Entry<String, JsonNode> label = labels.next();
          String pair = label.getKey() + "=" + label.getValue().asText();
          if (seen.add(pair) && update) {
            added.computeIfAbsent(label.getKey(), k -> new ArrayList<>()).add(label.getValue().asText());
          }
        }
      }
      if (update) {
        if (isFiring) {
          firing += alerts.size();
        } else {
          resolved += 1;
        }
        last = Math.max(last, entry.id());
      }
    }
    return new Summary(firing, resolved, added, last);
  }

  private String text(IncidentRecord incident, State state, Summary summary, Instant now) {
    String since = state.lastPostAt() == null ? texts.get("chat.alertUpdate.sinceOpening")
        : texts.get("chat.alertUpdate.sinceLast", Durations.duration(Duration.between(state.lastPostAt(), now),
            texts.locale()));
    String labels = summary.newLabels().isEmpty() ? "" : texts.get("chat.alertUpdate.labels", labels(summary.newLabels()));
    return (incident.drill() ? texts.get("slack.drillPrefix") + " " : "")
        + texts.get("chat.alertUpdate", "[" + (incident.severity() == null ? texts.get("slack.unassessed")
            : incident.severity().code()) + "]", incident.key(), summary.firing(), summary.resolved(), since, labels)
        + " " + firebreak.getBaseUrl() + "/api/incidents/" + incident.key();
  }

  /** "instance=i-1, i-2, i-3 (+7 more); pod=web-2", at most a few keys and values. */
  private String labels(Map<String, List<String>> added) {
    List<String> parts = new ArrayList<>();
    int keys = 0;
    for (Map.Entry<String, List<String>> label : added.entrySet()) {
      if (keys++ == LABEL_KEYS) {
        parts.add(texts.get("chat.alertUpdate.more", added.size() - LABEL_KEYS));
        break;
      }
      List<String> values = label.getValue();
      String shown = String.join(", ", values.subList(0, Math.min(VALUES_PER_LABEL, values.size())));
      parts.add(label.getKey() + "=" + shown + (values.size() > VALUES_PER_LABEL
          ? " " + texts.get("chat.alertUpdate.more", values.size() - VALUES_PER_LABEL) : ""));
    }
    return String.join("; ", parts);
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  @Override
  public void start() {
    long every = properties.getAlertUpdateSweep().toMillis();
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        postDue();
      } catch (RuntimeException e) {
        log.warn("Alert update sweep failed; trying again: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    sweeper.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
