package dev.firebreak.platform.outbox;

import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The mechanics every outbox of Firebreak shares (e-mail to people, subscriber deliveries, Web Push):
 * a row is written in the caller's transaction; after commit, and every poll interval, the owner's
 * round sends the due rows on one sender thread. For each row the owner {@link #lease leases} it
 * first (a conditional UPDATE that only one node wins, so several nodes may poll), sends it, and
 * then marks it {@link #sent}, {@link #failed} (retried with exponential {@link #backoff}, given up
 * after max-attempts), {@link #refusedByBreaker} (rescheduled without counting as an attempt) or
 * {@link #giveUp given up} at once.
 *
 * <p>The table needs the columns {@code id}, {@code attempts}, {@code next_attempt_at},
 * {@code last_error}, {@code failed_at} and the owner's "done" column (e.g. {@code sent_at}). What
 * a row holds, what sending means, and what a failure tells people stay with the owner.
 */
public final class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** What a failed attempt led to: given up, or the wait until the next attempt. */
  public record Failure(int attempts, boolean givenUp, Duration delay, Instant nextAttemptAt) {
  }

  private final String name;
  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final String table;
  private final String doneColumn;
  private final OutboxSettings settings;
  private final IntSupplier round;
  private final ScheduledExecutorService executor;
  private volatile boolean running;

  /**
   * @param name the sender thread's name (and the log's)
   * @param table the outbox table
   * @param doneColumn the column that holds when a row was sent
   * @param round the owner's round: sends every due row once, returns how many were sent
   */
  public Outbox(String name, JdbcClient jdbc, EngineClock clock, String table, String doneColumn,
      OutboxSettings settings, IntSupplier round) {
    if (!table.matches("[a-z_]+") || !doneColumn.matches("[a-z_]+")) {
      throw new IllegalArgumentException("table and column are identifiers: " + table + ", " + doneColumn);
    }
    this.name = name;
    this.jdbc = jdbc;
    this.clock = clock;
    this.table = table;
    this.doneColumn = doneColumn;
    this.settings = settings;
    this.round = round;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  public OutboxSettings settings() {
    return settings;
  }

  /** The condition of a row still to send, for the owner's SELECT of due rows (prefix: table alias or ""). */
  public String dueCondition(String prefix) {
    return prefix + doneColumn + " IS NULL AND " + prefix + "failed_at IS NULL AND " + prefix + "next_attempt_at <= ?";
  }

  /** Takes the row for this node for the lease; false when another node has it (or it is no longer due). */
  public boolean lease(long id) {
    Instant now = clock.now();
    return jdbc.sql("UPDATE " + table + " SET next_attempt_at = ? WHERE id = ? AND " + dueCondition(""))
        .params(now.plus(settings.getLease()).atOffset(ZoneOffset.UTC), id, now.atOffset(ZoneOffset.UTC))
        .update() == 1;
  }

  /** Marks the row sent at the clock's now, after {@code attempts} attempts in all; returns that time. */
  public Instant sent(long id, int attempts) {
    Instant at = clock.now();
    jdbc.sql("UPDATE " + table + " SET " + doneColumn + " = ?, attempts = ?, last_error = NULL WHERE id = ?")
        .params(at.atOffset(ZoneOffset.UTC), attempts, id).update();
    return at;
  }

  /**
   * A failed attempt (the {@code attempts}-th): retried after the backoff, or given up when it was
   * the last one allowed.
   */
  public Failure failed(long id, int attempts, String error) {
    boolean giveUp = attempts >= settings.getMaxAttempts();
    Duration wait = backoff(attempts);
    Instant next = reschedule(id, attempts, wait, error, giveUp);
    return new Failure(attempts, giveUp, wait, next);
  }

  /** The call was refused by an open circuit breaker: not an attempt; try again after the first retry wait. */
  public void refusedByBreaker(long id, int attempts, String error) {
    reschedule(id, attempts, settings.getRetryInitial(), error, false);
  }

  /** Fails the row at once (a target that will never take it), after {@code attempts} attempts. */
  public void giveUp(long id, int attempts, String error) {
    reschedule(id, attempts, Duration.ZERO, error, true);
  }

  private Instant reschedule(long id, int attempts, Duration wait, String error, boolean giveUp) {
    Instant now = clock.now();
    Instant next = now.plus(wait);
    jdbc.sql("UPDATE " + table + " SET attempts = ?, next_attempt_at = ?, last_error = ?, failed_at = ? WHERE id = ?")
        .params(attempts, next.atOffset(ZoneOffset.UTC), clip(error == null ? "failed" : error, 1000),
            giveUp ? now.atOffset(ZoneOffset.UTC) : null, id)
        .update();
    return next;
  }

  /**
   * How many of the rows matching {@code condition} (a WHERE clause of the owner's, with {@code ?}
   * for the parameters) are done, still pending and failed; the done count is named {@code doneName}.
   */
  public Map<String, Long> counts(String doneName, String condition, Object... parameters) {
    Map<String, Object> row = jdbc.sql("SELECT SUM(CASE WHEN " + doneColumn + " IS NOT NULL THEN 1 ELSE 0 END) AS done,"
        + " SUM(CASE WHEN " + doneColumn + " IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END) AS pending,"
        + " SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END) AS failed FROM " + table + " WHERE " + condition)
        .params(parameters).query().singleRow();
    return Map.of(doneName, number(row.get("done")), "pending", number(row.get("pending")),
        "failed", number(row.get("failed")));
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** The wait after the given number of failed attempts: retry-initial, doubled per attempt, at most retry-max. */
  public Duration backoff(int failedAttempts) {
    Duration wait = settings.getRetryInitial();
    for (int i = 1; i < failedAttempts && wait.compareTo(settings.getRetryMax()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.getRetryMax()) > 0 ? settings.getRetryMax() : wait;
  }

  /** Runs a round after the current transaction commits (at once when there is none). */
  public void dispatchAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          dispatchSoon();
        }
      });
    } else {
      dispatchSoon();
    }
  }

  /** Runs a round on the sender thread soon. */
  public void dispatchSoon() {
    if (!executor.isShutdown()) {
      try {
        executor.execute(this::roundQuietly);
      } catch (RejectedExecutionException e) {
        // shutting down: the next node (or start) sends it
      }
    }
  }

  private void roundQuietly() {
    try {
      round.getAsInt();
    } catch (RuntimeException e) {
      log.warn("{} round failed; next round in {}", name, settings.getPollInterval(), e);
    }
  }

  /** Starts polling every poll interval. */
  public void start() {
    long every = settings.getPollInterval().toMillis();
    executor.scheduleWithFixedDelay(this::roundQuietly, every, every, TimeUnit.MILLISECONDS);
    running = true;
  }

  /** Stops: a send under way may finish within the grace (bounded by the channel's timeouts) before the pool closes. */
  public void stop(Duration grace) {
    running = false;
    if (grace.isZero()) {
      executor.shutdownNow();
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }

  public boolean isRunning() {
    return running;
  }

  public static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
