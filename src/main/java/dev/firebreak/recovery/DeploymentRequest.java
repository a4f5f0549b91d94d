package dev.firebreak.recovery;

import dev.firebreak.platform.config.FirebreakProperties;

/**
 * One rollback or hotfix deployment asked for by a recovery: {@code version} is the rollback's target
 * version or the hotfix ref; {@code requestId} stays the same across retries of the request job.
 */
public record DeploymentRequest(String requestId, String incidentKey, String service, Action action, String version,
    FirebreakProperties.Deploy target) {

  public enum Action {
    ROLLBACK("rollback"), HOTFIX("hotfix"),
    /** Abort the Argo Rollouts canary ({@code version}: the Rollout, {@code namespace/name}); finished at once. */
    ABORT_CANARY("abort-canary");

    private final String code;

    Action(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Action of(String code) {
      for (Action action : values()) {
        if (action.code.equals(code)) {
          return action;
        }
      }
      throw new IllegalArgumentException(code);
    }
  }
}
