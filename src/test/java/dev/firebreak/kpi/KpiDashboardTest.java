package dev.firebreak.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.kpi.KpiReport.Measure;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Grafana dashboard's KPI panels read the histograms {@link IncidentDurationHistograms}
 * exports (the names it gives them), aggregate away the exporting node, and parse as PromQL
 * (promtool, Debian package prometheus; missing: skipped, under CI=true a failure).
 */
class KpiDashboardTest {

  static final Path DASHBOARD = Path.of("ops/grafana/dashboards/firebreak.json");

  @Test
  void kpiPanelsReadTheExportedHistograms() throws Exception {
    List<String> exprs = exprs();
    String all = String.join("\n", exprs);
    assertThat(IncidentDurationHistograms.name(Measure.TIME_TO_MITIGATE))
        .isEqualTo("firebreak_incident_time_to_mitigate_seconds");
    assertThat(all).contains(
        "histogram_quantile(0.5, sum by (le, severity) (increase(firebreak_incident_time_to_mitigate_seconds_bucket[30d])))",
        "histogram_quantile(0.9, sum by (le, service) (increase(firebreak_incident_time_to_mitigate_seconds_bucket",
        "sum by (severity) (increase(firebreak_incident_time_to_mitigate_seconds_count",
        IncidentDurationHistograms.name(Measure.TIME_TO_ACKNOWLEDGE) + "_bucket",
        IncidentDurationHistograms.name(Measure.TIME_TO_RESOLVE) + "_bucket", IncidentDurationHistograms.EXPORTER);
    for (String expr : exprs) {
      if (expr.contains("firebreak_incident_time_to_")) {
        assertThat(expr).as("aggregates over the nodes (one exports, a handover changes the instance)")
            .contains("sum by (");
      }
    }
    // every node reports the same open count from the database: not summed over the nodes
    assertThat(all).contains("max by (severity) (firebreak_incidents_open)")
        .doesNotContain("sum by (severity) (firebreak_incidents_open)");
  }

  @Test
  void everyPanelExpressionParses(@TempDir Path dir) throws Exception {
    String promtool = "/usr/bin/promtool";
    if (!new File(promtool).canExecute()) {
      String message = promtool + " is missing: install the Debian package 'prometheus' (.ci/run does)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int i = 0;
    for (String expr : exprs()) {
      rules.append("      - record: dashboard:expr").append(i++).append("\n        expr: '")
          .append(expr.replace("'", "''")).append("'\n");
    }
    Path file = dir.resolve("dashboard-rules.yml");
    Files.writeString(file, rules);
    Process process = new ProcessBuilder(promtool, "check", "rules", file.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private static List<String> exprs() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
    }
    return exprs;
  }
}
