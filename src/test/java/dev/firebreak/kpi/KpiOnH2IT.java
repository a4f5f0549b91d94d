package dev.firebreak.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.platform.Browser;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The KPIs on the embedded default database, H2; and the KPI page in Chromium. */
class KpiOnH2IT extends AbstractKpiIT {

  /**
   * /kpis over 2023 for kpi-versions (the version data set): the four monthly charts drawn by
   * Chart.js from its WebJar, the month table, the step table (three Approve rollback waits of 10,
   * 12 and 20 min: median 12 min) and the comparison by decision version; in Korean; on a phone
   * without sideways scrolling. Screenshots under target/.
   */
  @Test
  void kpiPageInChromium() throws Exception {
    if (jdbc.sql("SELECT COUNT(*) FROM incident_step WHERE incident_key = 'KPI-V0'").query(Integer.class).single() == 0) {
      int[] waits = {10, 12, 20};
      for (int i = 0; i < waits.length; i++) {
        OffsetDateTime started = OffsetDateTime.parse("2023-03-01T00:05:00Z").plusDays(10L * i);
        jdbc.sql("""
            INSERT INTO incident_step (incident_key, process_key, process_version, activity_id, activity_name,
              step_kind, started_at, claimed_at, ended_at, wait_ms, work_ms, duration_ms, assignee)
            VALUES (?, 'recovery', 1, 'ApproveRollback', 'Approve rollback', 'approval', ?, ?, ?, ?, 60000, ?, 'manager')""")
            .params("KPI-V" + i, started, started.plusMinutes(waits[i]), started.plusMinutes(waits[i] + 1),
                waits[i] * 60000L, (waits[i] + 1) * 60000L).update();
      }
    }
    String page = "http://localhost:" + port
        + "/kpis?from=2023-01-01&to=2024-01-01&service=kpi-versions&definition=decision:kpi-test-table";
    try (Browser browser = Browser.open(1280, 2000)) {
      browser.go(page);
      browser.signIn("auditor", LifecycleClient.PASSWORD);
      browser.await(Duration.ofSeconds(15), "the KPI page after signing in", () -> browser.url().contains("/kpis"));
      assertThat(browser.text("h1")).isEqualTo("KPIs");
      browser.await(Duration.ofSeconds(15), "Chart.js drawing the four charts",
          () -> browser.script("return document.getElementById('kpi-charts').getAttribute('data-drawn');")
              .asText().equals("4"));
      assertThat(browser.script("return Object.keys(Chart.instances).length;").asInt()).isEqualTo(4);
      assertThat(browser.script("return Chart.version;").asText()).isEqualTo("4.4.1");
      assertThat(browser.text("#kpi-incidents")).isEqualTo("11");
      assertThat(browser.script("return document.querySelectorAll('table.kpi-months tbody tr').length;").asInt())
          .isEqualTo(12);
      assertThat(browser.text("table.kpi-months")).contains("2023-03", "not enough incidents (n=1, at least 2)");
      assertThat(browser.text("table.kpi-steps")).contains("Approve rollback", "approval", "12 min");
      assertThat(browser.text("table.kpi-versions")).contains("kpi-test-table v1", "kpi-test-table v2", "38 min (n=5)",
          "24 min (n=5)");
      assertThat(browser.text(".kpi-changes li.verdict.shorter")).startsWith(
          "since kpi-test-table v2 (no longer deployed): median time to mitigate 38 min → 24 min, n=5 vs 5; shorter");
      assertThat(browser.text("#kpi-unrecorded")).startsWith("1 counted incidents");
      assertThat(browser.text(".kpi-definitions")).contains("Time to mitigate (the headline MTTR)", "bootstrap");
      browser.screenshot("kpis-page.png");

      browser.go(page + "&lang=ko");
      assertThat(browser.text("h1")).isEqualTo("장애 지표");
      assertThat(browser.text("#trends")).isEqualTo("월별 추이");
      assertThat(browser.text(".kpi-changes li.verdict.shorter")).contains("완화 시간 중앙값 38분 → 24분", "짧아짐");
      browser.await(Duration.ofSeconds(15), "the charts in Korean",
          () -> browser.script("return document.getElementById('kpi-charts').getAttribute('data-drawn');")
              .asText().equals("4"));
      browser.screenshot("kpis-page-ko.png");

      browser.resize(390, 844);
      browser.go(page);
      browser.await(Duration.ofSeconds(15), "the charts on a phone",
          () -> browser.script("return document.getElementById('kpi-charts').getAttribute('data-drawn');")
              .asText().equals("4"));
      assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth + 1;").asBoolean())
          .as("no sideways scrolling on a phone").isTrue();
      browser.screenshot("kpis-page-phone.png");
    }
    assertThat(client.get("responder", "/kpis").status()).isEqualTo(403);
  }
}
