package dev.firebreak.notify.teams;

import java.time.Duration;

/** Teams (Power Automate) answered 429: not posted; retried after {@link #retryAfter()}. Not counted by the breaker. */
public class TeamsRateLimitedException extends RuntimeException {

  private final transient Duration retryAfter;

  public TeamsRateLimitedException(String channel, Duration retryAfter) {
    super("Teams rate-limited the webhook of " + channel + "; retry after " + retryAfter.toSeconds() + " s");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
