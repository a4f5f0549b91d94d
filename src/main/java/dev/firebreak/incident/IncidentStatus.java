package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where an incident is in its life. Milestone events in incident.bpmn name their status in the
 * camunda property {@code status}; reaching the milestone sets it and its timestamp.
 */
public enum IncidentStatus implements Coded {
  TRIAGE("triage", "Waiting for triage"),
  INVESTIGATING("investigating", "Investigating"),
  MONITORING("monitoring", "Mitigated, monitoring"),
  RESOLVED("resolved", "Resolved"),
  POSTMORTEM("postmortem", "Post-mortem"),
  CLOSED("closed", "Closed"),
  DISMISSED("dismissed", "Dismissed as false positive");

  public static final Set<IncidentStatus> OPEN = EnumSet.of(TRIAGE, INVESTIGATING, MONITORING);

  private final String code;
  private final String label;

  IncidentStatus(String code, String label) {
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
  public static IncidentStatus fromJson(String code) {
    return Coded.fromCode(IncidentStatus.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }

  public boolean isOpen() {
    return OPEN.contains(this);
  }
}
