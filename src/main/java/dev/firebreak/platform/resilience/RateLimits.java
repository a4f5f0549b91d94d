package dev.firebreak.platform.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an outside system's 429 answers said, per key (an API method, a webhook URL): not again
 * before the time it named. A short wait is waited out; a longer one is for the caller to fail
 * fast with (the job is retried later), so no job thread sleeps for minutes.
 */
public final class RateLimits {

  /** When a 429 names no time (or one that cannot be read). */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

  private final Map<String, Instant> limitedUntil = new ConcurrentHashMap<>();
  private final Duration maxWait;

  public RateLimits(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /** The system answered 429 for this key: not before {@code retryAfter} from now. */
  public void limited(String key, Duration retryAfter) {
    limitedUntil.put(key, Instant.now().plus(retryAfter));
  }

  /**
   * Waits out a limit on the key when it is at most the longest wait; answers the time still to
   * wait (rounded up to the second) when it is longer, without waiting; null when nothing holds the key.
   */
  public Duration await(String key) throws InterruptedException {
    Instant until = limitedUntil.get(key);
    if (until == null) {
      return null;
    }
    Duration remaining = Duration.between(Instant.now(), until);
    if (remaining.isNegative() || remaining.isZero()) {
      limitedUntil.remove(key, until);
      return null;
    }
    if (remaining.compareTo(maxWait) > 0) {
      return remaining.plusSeconds(1).withNanos(0);
    }
    Thread.sleep(remaining.toMillis());
    return null;
  }

  /** A Retry-After header in seconds; the default when it is missing or not a number. */
  public static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }
}
