package dev.firebreak.recovery;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** How the service is brought back: the handbook's rollback and hotfix, plus failover, a fix in place and a canary abort. */
public enum RecoveryStrategy implements Coded {
  ROLLBACK("rollback", "Roll back to the last stable version"),
  HOTFIX("hotfix", "Deploy a hotfix"),
  FAILOVER("failover", "Fail over to the standby"),
  FIX_IN_PLACE("fix-in-place", "Fix in place (configuration, restart)"),
  /** The fast mitigation: abort the Argo Rollouts canary, so the stable version takes all traffic again. */
  ABORT_CANARY("abort-canary", "Abort the canary (Argo Rollouts)");

  private final String code;
  private final String label;

  RecoveryStrategy(String code, String label) {
    this.code = code;
    this.label = label;
  }

  @JsonValue
  @Override
  public String code() {
    return code;
  }

  @Override
  public String label() {
    return label;
  }

  @JsonCreator
  public static RecoveryStrategy fromJson(String code) {
    return Coded.fromCode(RecoveryStrategy.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
