package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped monitoring kit (ops/) passes promtool and amtool, its rules fire as intended, every
 * alert carries what Firebreak's intake reads, and docker-compose.yml mounts what the configs name.
 * The binaries come from Debian (prometheus: promtool; prometheus-alertmanager: amtool); a missing
 * one skips its test, or fails it under CI=true.
 */
class MonitoringKitTest {

  static final Set<String> SEVERITIES = Set.of("critical", "warning");
  static final Set<String> IMPACTS = Set.of("all-users", "part-of-users", "single-customer", "internal-only");

  @Test
  void ruleFilesAreValid() throws Exception {
    String promtool = Binaries.require("/usr/bin/promtool", "prometheus");
    List<String> command = new ArrayList<>(List.of(promtool, "check", "rules"));
    try (var files = Files.list(Path.of("ops/prometheus/rules"))) {
      files.filter(p -> p.toString().endsWith(".yml")).forEach(p -> command.add(p.toString()));
    }
    Binaries.Result result = Binaries.run(command, new File("."));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 2 rules found", "SUCCESS: 3 rules found", "SUCCESS: 5 rules found");
  }

  @Test
  void rulesFireWithServiceSeverityAndImpact() throws Exception {
    String promtool = Binaries.require("/usr/bin/promtool", "prometheus");
    Binaries.Result result = Binaries.run(List.of(promtool, "test", "rules", "rules_test.yml"),
        new File("ops/prometheus/rules/tests"));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void prometheusConfigIsValid() throws Exception {
    String promtool = Binaries.require("/usr/bin/promtool", "prometheus");
    Path dir = Files.createTempDirectory("prometheus");
    Path password = Files.writeString(dir.resolve("firebreak-password"), "secret");
    Files.createDirectories(dir.resolve("rules"));
    try (var files = Files.list(Path.of("ops/prometheus/rules"))) {
      for (Path rule : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        Files.copy(rule, dir.resolve("rules").resolve(rule.getFileName()));
      }
    }
    String config = Files.readString(Path.of("ops/prometheus/prometheus.yml"))
        .replace("/etc/prometheus/firebreak-password", password.toString())
        .replace("/etc/prometheus/rules", dir.resolve("rules").toString());
    Path copy = Files.writeString(dir.resolve("prometheus.yml"), config);
    Binaries.Result result = Binaries.run(List.of(promtool, "check", "config", copy.toString()), dir.toFile());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void alertmanagerConfigIsValid() throws Exception {
    String amtool = Binaries.require("/usr/bin/amtool", "prometheus-alertmanager");
    Path dir = Files.createTempDirectory("alertmanager");
    Path token = Files.writeString(dir.resolve("firebreak-token"), "token");
    String config = Files.readString(Path.of("ops/alertmanager/alertmanager.yml"))
        .replace("/etc/alertmanager/firebreak-token", token.toString());
    Path copy = Files.writeString(dir.resolve("alertmanager.yml"), config);
    Binaries.Result result = Binaries.run(List.of(amtool, "check-config", copy.toString()), dir.toFile());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(config).contains("send_resolved: true", "group_by: [alertname, service]");
  }

  @Test
  void everyAlertCarriesServiceSeverityAndImpact() throws Exception {
    Map<String, Map<String, Object>> alerts = alertRules();
    assertThat(alerts).containsKeys("HostHighCpu", "HostLowMemory", "HttpLatencyP95High", "HttpLatencyP99High",
        "HttpErrorRateHigh", "CircuitBreakerOpen", "DatabaseConnectionTimeouts", "DatabaseConnectionsPending",
        "MysqlSlowQueries", "PostgresStatementsSlow");
    alerts.forEach((name, rule) -> {
      Map<String, Object> labels = map(rule.get("labels"));
      Map<String, Object> annotations = map(rule.get("annotations"));
      assertThat(String.valueOf(labels.get("severity"))).as("%s severity", name).isIn(SEVERITIES);
      assertThat(String.valueOf(annotations.get("impact"))).as("%s impact", name).isIn(IMPACTS);
      assertThat(String.valueOf(annotations.getOrDefault("summary", ""))).as("%s summary", name).isNotBlank();
      // service is a fixed label of the rule, or kept from the series (every scrape job sets it)
      String expr = String.valueOf(rule.get("expr"));
      assertThat(labels.containsKey("service") || expr.matches("(?s).*\\bby\\s*\\([^)]*\\bservice\\b.*")
          || !expr.contains(" by ")).as("%s keeps or sets the service label: %s", name, expr).isTrue();
      assertThat(rule.get("for")).as("%s has a for: duration (no paging on one bad scrape)", name).isNotNull();
    });
    Map<String, Object> scrape = yaml(Path.of("ops/prometheus/prometheus.yml"));
    for (Object job : (List<?>) scrape.get("scrape_configs")) {
      for (Object target : (List<?>) map(job).get("static_configs")) {
        assertThat(map(map(target).get("labels"))).as("scrape job %s sets the service label", map(job).get("job_name"))
            .containsKey("service");
      }
    }
  }

  /** The worked example's signals (a breaker opening, connection failures, slow queries) become database incidents. */
  @Test
  void theDatabaseSignalsAreClassifiedAsDatabaseIncidents() throws Exception {
    Map<String, Map<String, Object>> alerts = alertRules();
    for (String name : List.of("CircuitBreakerOpen", "DatabaseConnectionTimeouts", "DatabaseConnectionsPending",
        "MysqlSlowQueries", "PostgresStatementsSlow")) {
      Map<String, Object> labels = map(alerts.get(name).get("labels"));
      Map<String, Object> annotations = map(alerts.get(name).get("annotations"));
      String text = (annotations.get("summary") + " " + annotations.get("description")).toLowerCase();
      var outcome = AlertClassificationDecisionTest.classify("payments", text, String.valueOf(annotations.get("impact")),
          String.valueOf(labels.get("incident_type")), String.valueOf(labels.get("severity")), true);
      assertThat(outcome.get("classifiedIncidentType")).as(name).isEqualTo("database");
      assertThat(outcome.get("classifiedImpactScope")).as(name).isEqualTo("part-of-users");
    }
  }

  @Test
  void everyAlertHasAUnitTestThatFiresIt() throws Exception {
    Set<String> fired = new TreeSet<>();
    Map<String, Object> tests = yaml(Path.of("ops/prometheus/rules/tests/rules_test.yml"));
    for (Object test : (List<?>) tests.get("tests")) {
      for (Object check : (List<?>) map(test).getOrDefault("alert_rule_test", List.of())) {
        List<?> expected = (List<?>) map(check).get("exp_alerts");
        if (expected != null && !expected.isEmpty()) {
          fired.add(String.valueOf(map(check).get("alertname")));
        }
      }
    }
    assertThat(fired).containsAll(alertRules().keySet());
  }

  @Test
  void composeMountsWhatTheConfigsName() throws Exception {
    Map<String, Object> services = map(yaml(Path.of("docker-compose.yml")).get("services"));
    assertThat(services).containsKeys("postgres", "firebreak", "mailpit", "prometheus", "alertmanager", "grafana",
        "node-exporter");
    assertThat(mounts(services, "prometheus")).contains("/etc/prometheus/prometheus.yml", "/etc/prometheus/rules",
        "/etc/prometheus/firebreak-password");
    assertThat(mounts(services, "alertmanager")).contains("/etc/alertmanager/alertmanager.yml",
        "/etc/alertmanager/firebreak-token");
    assertThat(mounts(services, "grafana")).contains("/etc/grafana/provisioning", "/var/lib/grafana/dashboards");

    String prometheus = Files.readString(Path.of("ops/prometheus/prometheus.yml"));
    assertThat(prometheus).contains("/etc/prometheus/firebreak-password", "/etc/prometheus/rules/",
        "firebreak:8080", "node-exporter:9100", "alertmanager:9093", "/actuator/prometheus");
    assertThat(Files.readString(Path.of("ops/alertmanager/alertmanager.yml")))
        .contains("http://firebreak:8080/api/alerts/alertmanager", "/etc/alertmanager/firebreak-token");
    Map<String, Object> provider = map(((List<?>) yaml(Path.of("ops/grafana/provisioning/dashboards/firebreak.yml"))
        .get("providers")).get(0));
    assertThat(map(provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");
  }

  @Test
  void grafanaDashboardShowsFirebreakMetricsFromTheProvisionedDatasource() throws Exception {
    Map<String, Object> datasource = map(((List<?>) yaml(Path.of("ops/grafana/provisioning/datasources/prometheus.yml"))
        .get("datasources")).get(0));
    assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
    JsonNode dashboard = new ObjectMapper().readTree(Path.of("ops/grafana/dashboards/firebreak.json").toFile());
    StringBuilder exprs = new StringBuilder();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
          .isEqualTo(datasource.get("uid"));
      panel.path("targets").forEach(t -> exprs.append(t.path("expr").asText()).append('\n'));
    }
    // the names Micrometer gives Firebreak's meters on /actuator/prometheus (AlertWebhookIT scrapes them)
    assertThat(exprs).contains("rate(firebreak_alerts_received_total", "firebreak_incidents_open",
        "histogram_quantile(0.99, sum by (le) (rate(firebreak_alert_intake_seconds_bucket",
        "histogram_quantile(0.95", "histogram_quantile(0.99", "http_server_requests_seconds_bucket",
        "status=~\"5..\"");
  }

  /** alert name to rule, over every rule file. */
  private static Map<String, Map<String, Object>> alertRules() throws IOException {
    Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
    try (var files = Files.list(Path.of("ops/prometheus/rules"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        for (Object group : (List<?>) yaml(file).get("groups")) {
          for (Object rule : (List<?>) map(group).get("rules")) {
            Object name = map(rule).get("alert");
            if (name != null) {
              assertThat(alerts.put(String.valueOf(name), map(rule))).as("alert %s defined twice", name).isNull();
            }
          }
        }
      }
    }
    return alerts;
  }

  /** The container paths a compose service mounts. */
  private static List<String> mounts(Map<String, Object> services, String service) {
    return ((List<?>) map(services.get(service)).getOrDefault("volumes", List.of())).stream()
        .map(v -> String.valueOf(v).split(":")[1]).toList();
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    return new Yaml().load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }
}
