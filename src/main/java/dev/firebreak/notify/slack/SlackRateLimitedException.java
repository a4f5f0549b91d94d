package dev.firebreak.notify.slack;

import java.time.Duration;

/**
 * Slack answered 429: calls of this method wait until Retry-After has passed. Thrown when the wait
 * is longer than firebreak.slack.max-rate-limit-wait, so the job fails and is retried later instead of
 * holding a job executor thread. Not a circuit breaker failure: Slack is up, just busy.
 */
public class SlackRateLimitedException extends RuntimeException {

  private final Duration retryAfter;

  public SlackRateLimitedException(String method, Duration retryAfter) {
    super("Slack rate-limits " + method + " (429): not calling it again for " + retryAfter.toSeconds()
        + " s (Retry-After); the job is retried later");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
