package dev.firebreak.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** What communications decide on *Approve public notice*: publish it, or hold it for now (with a reason). */
public enum NoticeDecision implements Coded {
  PUBLISH("publish", "Publish"),
  HOLD("hold", "Hold, don't publish yet");

  private final String code;
  private final String label;

  NoticeDecision(String code, String label) {
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
