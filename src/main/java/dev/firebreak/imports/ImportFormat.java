package dev.firebreak.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats {@code POST /api/imports} reads (README "Import the past"). */
enum ImportFormat {
  /** Firebreak's own JSON: {@code {"incidents": [ … ]}} (or a bare array). */
  FIREBREAK("firebreak"),
  /** PagerDuty's incidents CSV (Analytics / Incidents report, "Download CSV"). */
  PAGERDUTY("pagerduty"),
  /** Opsgenie's alerts CSV (alert list, "Export"). */
  OPSGENIE("opsgenie");

  final String code;

  ImportFormat(String code) {
    this.code = code;
  }

  static Optional<ImportFormat> of(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.code.equals(wanted)).findFirst();
  }

  static String codes() {
    return String.join(", ", Arrays.stream(values()).map(f -> f.code).toList());
  }
}
