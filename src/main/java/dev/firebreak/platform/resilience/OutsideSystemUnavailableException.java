package dev.firebreak.platform.resilience;

/**
 * An outside system's circuit breaker is open: the call was not attempted. Thrown out of a Camunda
 * job it fails the job, which the engine retries later by the task's retry cycle; the subscriber
 * outbox reschedules the delivery without counting it as an attempt.
 */
public class OutsideSystemUnavailableException extends RuntimeException {

  private final String breaker;

  public OutsideSystemUnavailableException(String breaker, String message, Throwable cause) {
    super(message, cause);
    this.breaker = breaker;
  }

  /** The circuit breaker's name, e.g. {@code smtp}. */
  public String breaker() {
    return breaker;
  }
}
