package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** SEV1 is the worst. Decided by the incident-severity DMN, overridable at triage with a reason. */
public enum Severity implements Coded {
  SEV1("Critical: core service down or data at risk"),
  SEV2("Major: significant degradation for customers"),
  SEV3("Minor: limited impact, workaround exists"),
  SEV4("Low: internal or cosmetic");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  @JsonValue
  @Override
  public String code() {
    return name();
  }

  @Override
  public String label() {
    return label;
  }

  @JsonCreator
  public static Severity fromJson(String code) {
    return Coded.fromCode(Severity.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
