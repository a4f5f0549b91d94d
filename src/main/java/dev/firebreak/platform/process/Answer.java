package dev.firebreak.platform.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** The answer on a confirmation form. */
public enum Answer implements Coded {
  YES("yes", "Yes"),
  NO("no", "No");

  private final String code;
  private final String label;

  Answer(String code, String label) {
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
  public static Answer fromJson(String code) {
    return Coded.fromCode(Answer.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
