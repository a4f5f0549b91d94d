package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** Whom an escalation level pages: the handbook's three tiers. */
public enum EscalationTarget implements Coded {
  ON_CALL("on-call", "L1: on-call engineers and operations"),
  SERVICE_TEAM("service-team", "L2: the service's development team"),
  EXECUTIVES("executives", "L3: executives and leadership");

  private final String code;
  private final String label;

  EscalationTarget(String code, String label) {
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
}
