package dev.firebreak.recovery;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** How a rollback or hotfix deployment ended, from the deploy tool's callback or a person. */
public enum DeploymentOutcome implements Coded {
  SUCCEEDED("succeeded", "Succeeded"),
  FAILED("failed", "Failed");

  private final String code;
  private final String label;

  DeploymentOutcome(String code, String label) {
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
