package dev.firebreak.notify.teams;

/**
 * Teams could not take the card: 5xx, a timeout, no connection. The only failure the "teams"
 * circuit breaker counts; the job fails and Camunda retries it by the task's retry cycle. Teams may
 * have posted the card all the same (a timeout after it was accepted).
 */
public class TeamsUnavailableException extends RuntimeException {
  public TeamsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
