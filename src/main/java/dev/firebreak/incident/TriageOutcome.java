package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** What the responder decided at triage. */
public enum TriageOutcome implements Coded {
  ACKNOWLEDGE("acknowledge", "Acknowledge: this is a real incident"),
  DISMISS("dismiss", "Dismiss as a false positive");

  private final String code;
  private final String label;

  TriageOutcome(String code, String label) {
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
  public static TriageOutcome fromJson(String code) {
    return Coded.fromCode(TriageOutcome.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
