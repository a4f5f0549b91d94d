package dev.firebreak.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** The phase a status update announces, as status pages name them. */
public enum NoticePhase implements Coded {
  INVESTIGATING("investigating", "Investigating"),
  IDENTIFIED("identified", "Identified"),
  MONITORING("monitoring", "Monitoring"),
  RESOLVED("resolved", "Resolved");

  private final String code;
  private final String label;

  NoticePhase(String code, String label) {
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
