package dev.firebreak.tracking;

import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.platform.process.Coded;
import java.util.Optional;

/** The incident stages the tracking issue follows with a transition. */
public enum TrackingStage implements Coded {
  RESOLVED("resolved", "Resolved"),
  CLOSED("closed", "Closed");

  private final String code;
  private final String label;

  TrackingStage(String code, String label) {
    this.code = code;
    this.label = label;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String label() {
    return label;
  }

  /** The stage the tracking issue follows for this incident status, if any. */
  public static Optional<TrackingStage> of(IncidentStatus status) {
    return Coded.fromCode(TrackingStage.class, status.code());
  }
}
