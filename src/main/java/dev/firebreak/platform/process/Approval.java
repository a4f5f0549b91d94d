package dev.firebreak.platform.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** The answer on an approval form: approve, or reject with a reason. */
public enum Approval implements Coded {
  APPROVE("approve", "Approve"),
  REJECT("reject", "Reject");

  private final String code;
  private final String label;

  Approval(String code, String label) {
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
  public static Approval fromJson(String code) {
    return Coded.fromCode(Approval.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
