package dev.firebreak.statuspage;

import dev.firebreak.incident.Severity;

/**
 * The public component statuses, in Atlassian Statuspage's vocabulary; worse ones later. Under
 * maintenance ranks just above operational and below every real incident status: a component in
 * maintenance that also has an incident shows the incident's status, and maintenance alone never
 * makes the overall status worse than the worst real incident status.
 */
public enum ComponentStatus {
  OPERATIONAL("operational", "Operational"),
  UNDER_MAINTENANCE("under_maintenance", "Under maintenance"),
  DEGRADED_PERFORMANCE("degraded_performance", "Degraded performance"),
  PARTIAL_OUTAGE("partial_outage", "Partial outage"),
  MAJOR_OUTAGE("major_outage", "Major outage");

  private final String code;
  private final String label;

  ComponentStatus(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** What an open incident of this severity does to its component. */
  static ComponentStatus forSeverity(Severity severity) {
    if (severity == null) {
      return DEGRADED_PERFORMANCE;
    }
    return switch (severity) {
      case SEV1 -> MAJOR_OUTAGE;
      case SEV2 -> PARTIAL_OUTAGE;
      default -> DEGRADED_PERFORMANCE;
    };
  }

  /** The status a component shows: its incidents' status, or under maintenance while a window runs. */
  static ComponentStatus withMaintenance(ComponentStatus incidents, boolean inMaintenance) {
    return inMaintenance ? incidents.worst(UNDER_MAINTENANCE) : incidents;
  }

  ComponentStatus worst(ComponentStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
