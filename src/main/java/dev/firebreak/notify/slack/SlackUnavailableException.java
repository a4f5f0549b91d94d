package dev.firebreak.notify.slack;

/**
 * Slack could not be reached or answered 5xx: transient, the job fails and Camunda retries it
 * later. Recorded as a failure by the "slack" circuit breaker (which, once open, fails calls with
 * {@link dev.firebreak.platform.resilience.OutsideSystemUnavailableException} without calling Slack).
 */
public class SlackUnavailableException extends RuntimeException {

  public SlackUnavailableException(String message) {
    super(message);
  }

  public SlackUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
