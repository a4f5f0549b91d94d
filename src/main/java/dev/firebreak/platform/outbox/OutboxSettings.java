package dev.firebreak.platform.outbox;

import java.time.Duration;

/** How an {@link Outbox} polls, leases and retries; each feature's properties class implements it. */
public interface OutboxSettings {

  /** How often the outbox looks for due rows (new ones are sent right after commit anyway). */
  Duration getPollInterval();

  /** Wait before the first retry; doubles per failed attempt up to {@link #getRetryMax()}. */
  Duration getRetryInitial();

  Duration getRetryMax();

  /** Failed attempts (not counting fail-fast calls refused by an open circuit breaker) before giving up. */
  int getMaxAttempts();

  /** How long a node owns a row it is sending (other nodes skip it meanwhile). */
  Duration getLease();
}
