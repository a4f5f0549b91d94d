package dev.firebreak.statuspage;

/** The four public component statuses, in Atlassian Statuspage's vocabulary; worse ones later. */
public enum ComponentStatus {
  OPERATIONAL("operational", "Operational"),
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
  static ComponentStatus forSeverity(String severity) {
    if (severity == null) {
      return DEGRADED_PERFORMANCE;
    }
    return switch (severity) {
      case "SEV1" -> MAJOR_OUTAGE;
      case "SEV2" -> PARTIAL_OUTAGE;
      default -> DEGRADED_PERFORMANCE;
    };
  }

  ComponentStatus worst(ComponentStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
