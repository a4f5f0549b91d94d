package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** Who is affected: an input of the severity and escalation decisions. */
public enum ImpactScope implements Coded {
  ALL_USERS("all-users", "All users"),
  PART_OF_USERS("part-of-users", "Part of the users"),
  SINGLE_CUSTOMER("single-customer", "A single customer"),
  INTERNAL_ONLY("internal-only", "Internal only");

  private final String code;
  private final String label;

  ImpactScope(String code, String label) {
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
  public static ImpactScope fromJson(String code) {
    return Coded.fromCode(ImpactScope.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
