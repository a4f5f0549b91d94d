package dev.firebreak.platform.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * A message Firebreak correlates on a person's behalf after its own role check (an escalation or a
 * severity change asked for through the API). It runs as the system: the person has no right to
 * change process instances through the engine, and the role check is the authorization for this one
 * message. When the job executor is working on the same incident at that moment, the correlation is
 * rolled back whole and tried again a few times.
 */
public final class SystemCorrelation {

  private static final int ATTEMPTS = 5;

  /** Runs the correlation; a MismatchingMessageCorrelationException is the caller's to explain. */
  public static void run(IdentityService identity, Runnable correlation) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          correlation.run();
          return;
        } catch (OptimisticLockingException busy) {
          if (attempt == ATTEMPTS) {
            throw busy;
          }
          pause(attempt);
        }
      }
    } finally {
      identity.setAuthentication(current);
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(50L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while handing a request to the incident", e);
    }
  }

  private SystemCorrelation() {
  }
}
