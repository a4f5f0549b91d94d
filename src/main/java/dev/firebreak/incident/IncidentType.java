package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.firebreak.platform.process.Coded;

/** What kind of failure this is; notice templates are chosen by it. */
public enum IncidentType implements Coded {
  OUTAGE("outage", "Outage"),
  DEGRADED_PERFORMANCE("degraded-performance", "Degraded performance"),
  DATABASE("database", "Database"),
  SECURITY("security", "Security"),
  DATA_INTEGRITY("data-integrity", "Data integrity"),
  MAINTENANCE("maintenance", "Maintenance");

  private final String code;
  private final String label;

  IncidentType(String code, String label) {
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
  public static IncidentType fromJson(String code) {
    return Coded.fromCode(IncidentType.class, code).orElseThrow(() -> new IllegalArgumentException(code));
  }
}
