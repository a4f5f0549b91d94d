package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** The severity label an alert carried; none for a declared incident. */
public enum AlertSeverity implements Coded {
  CRITICAL("critical", "Critical"),
  WARNING("warning", "Warning"),
  INFO("info", "Info"),
  NONE("none", "None (declared by a person)");

  private final String code;
  private final String label;

  AlertSeverity(String code, String label) {
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
  public static AlertSeverity fromJson(String code) {
    return Coded.fromCode(AlertSeverity.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
