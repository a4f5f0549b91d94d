package dev.firebreak.postmortem;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** What customers are given after a customer-facing incident (dmn/compensation-policy.dmn, Decide compensation). */
public enum Compensation implements Coded {
  NONE("none", "None"),
  SERVICE_CREDIT("service-credit", "Service credit"),
  CASE_BY_CASE("case-by-case", "Case by case");

  private final String code;
  private final String label;

  Compensation(String code, String label) {
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
  public static Compensation fromJson(String code) {
    return Coded.fromCode(Compensation.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
