package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped monitoring kit (ops/) passes promtool and amtool, and its rules fire as intended. */
class MonitoringKitTest {

  @Test
  void ruleFilesAreValid() throws Exception {
    String promtool = Binaries.require("/usr/bin/promtool", "prometheus");
    List<String> command = new ArrayList<>(List.of(promtool, "check", "rules"));
    try (var files = Files.list(Path.of("ops/prometheus/rules"))) {
      files.filter(p -> p.toString().endsWith(".yml")).forEach(p -> command.add(p.toString()));
    }
    Binaries.Result result = Binaries.run(command, new File("."));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 2 rules found", "SUCCESS: 3 rules found");
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
}
