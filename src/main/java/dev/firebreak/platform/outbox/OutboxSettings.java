package dev.firebreak.platform.outbox;

import java.time.Duration;

/**
 * How an {@link Outbox} polls, leases and retries. Each feature's outbox properties extend it with
 * their own defaults (bound under their own prefix, e.g. {@code firebreak.notify.mail-outbox.*}).
 */
public class OutboxSettings {

  /** How often the outbox looks for due rows (new ones are sent right after commit anyway). */
  private Duration pollInterval;
  /** Wait before the first retry; doubles per failed attempt up to retryMax. */
  private Duration retryInitial;
  private Duration retryMax;
  /** Failed attempts (not counting fail-fast calls refused by an open circuit breaker) before giving up. */
  private int maxAttempts;
  /** How long a node owns a row it is sending (other nodes skip it meanwhile). */
  private Duration lease;

  protected OutboxSettings(Duration pollInterval, Duration retryInitial, Duration retryMax, int maxAttempts,
      Duration lease) {
    this.pollInterval = pollInterval;
    this.retryInitial = retryInitial;
    this.retryMax = retryMax;
    this.maxAttempts = maxAttempts;
    this.lease = lease;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getRetryInitial() {
    return retryInitial;
  }

  public void setRetryInitial(Duration retryInitial) {
    this.retryInitial = retryInitial;
  }

  public Duration getRetryMax() {
    return retryMax;
  }

  public void setRetryMax(Duration retryMax) {
    this.retryMax = retryMax;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getLease() {
    return lease;
  }

  public void setLease(Duration lease) {
    this.lease = lease;
  }
}
