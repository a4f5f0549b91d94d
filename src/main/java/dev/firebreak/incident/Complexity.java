package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** How hard the problem looks at triage: an input of the escalation decision. */
public enum Complexity implements Coded {
  LOW("low", "Low: known cause, known fix"),
  MEDIUM("medium", "Medium: cause unclear"),
  HIGH("high", "High: several systems or teams involved");

  private final String code;
  private final String label;

  Complexity(String code, String label) {
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
  public static Complexity fromJson(String code) {
    return Coded.fromCode(Complexity.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
