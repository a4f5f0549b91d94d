package dev.firebreak.kpi;

import dev.firebreak.kpi.KpiReport.Group;
import dev.firebreak.kpi.KpiReport.Measure;
import dev.firebreak.kpi.KpiReport.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KPIs as CSV (RFC 4180): the definitions first as lines starting with {@code #}, then one row
 * per group; a figure without enough incidents is its note instead of a number.
 */
final class KpiCsv {

  private KpiCsv() {
  }

  static String write(KpiReport report) {
    StringBuilder csv = new StringBuilder();
    definitions(csv, report.definitions());
    List<String> header = new ArrayList<>(report.groupBy());
    header.add("n");
    header.add("imported");
    for (Measure measure : Measure.values()) {
      for (String stat : List.of("n", "mean_s", "median_s", "p90_s")) {
        header.add(measure.code() + "_" + stat);
      }
    }
    header.addAll(List.of("mtbf_s", "mean_time_between_incidents_s", "sev1_sev2_mitigated_within_target",
        "detected_by_alerts"));
    row(csv, header);
    for (Group group : report.groups()) {
      List<String> cells = new ArrayList<>();
      for (String dimension : report.groupBy()) {
        cells.add(group.keys().get(dimension));
      }
      cells.add(String.valueOf(group.n()));
      cells.add(String.valueOf(group.imported()));
      for (Measure measure : Measure.values()) {
        Stats stats = group.durations().get(measure.code());
        cells.add(String.valueOf(stats.n()));
        cells.add(value(stats.mean(), stats.note()));
        cells.add(value(stats.median(), stats.note()));
        cells.add(value(stats.p90(), stats.note()));
      }
      cells.add(value(group.mtbf().value(), group.mtbf().note()));
      cells.add(value(group.meanTimeBetweenIncidents().value(), group.meanTimeBetweenIncidents().note()));
      cells.add(value(group.sev1Sev2MitigatedWithinTarget().value(), group.sev1Sev2MitigatedWithinTarget().note()));
      cells.add(value(group.detectedByAlerts().value(), group.detectedByAlerts().note()));
      row(csv, cells);
    }
    return csv.toString();
  }

  static String writeSteps(List<StepTimes.StepFigure> steps, Map<String, String> definitions) {
    StringBuilder csv = new StringBuilder();
    definitions(csv, Map.of("steps", definitions.get("steps"), "notEnough", definitions.get("notEnough")));
    row(csv, List.of("process", "activity_id", "name", "kind", "n", "median_wait_s", "median_work_s",
        "median_duration_s", "p90_duration_s"));
    for (StepTimes.StepFigure step : steps) {
      row(csv, List.of(step.processKey(), step.activityId(), step.name(), step.kind(), String.valueOf(step.n()),
          value(step.waiting().median(), step.waiting().note()), value(step.working().median(), step.working().note()),
          value(step.duration().median(), step.duration().note()), value(step.duration().p90(), step.duration().note())));
    }
    return csv.toString();
  }

  private static void definitions(StringBuilder csv, Map<String, String> definitions) {
    definitions.forEach((code, text) -> csv.append("# ").append(code).append(": ")
        .append(text.replace('\n', ' ')).append("\r\n"));
  }

  private static String value(Double value, String note) {
    if (value == null) {
      return note == null ? "" : note;
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf(value.longValue())
        : String.format(java.util.Locale.ROOT, "%.3f", value);
  }

  private static void row(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      String cell = cells.get(i) == null ? "" : cells.get(i);
      if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
        cell = "\"" + cell.replace("\"", "\"\"") + "\"";
      }
      csv.append(cell);
    }
    csv.append("\r\n");
  }
}
