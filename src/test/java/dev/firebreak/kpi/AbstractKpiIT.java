package dev.firebreak.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.directory.Directory;
import dev.firebreak.incident.LifecycleClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The KPIs of docs/kpis.md through the API, as the demo users, against a small data set computed by
 * hand (below; the minimum for a figure is 2 here), and the step times of a real incident run.
 *
 * <pre>
 * payments, January 2025 (UTC)       impact  detected declared ack    mitigated resolved closed  source
 *   A SEV1 outage   2025-01-05       10:00   10:05    10:06    10:10  10:30     11:00    12:00   alertmanager
 *   B SEV2 outage   2025-01-15       (none)  08:00    08:02    —      09:00     09:30    —       api
 *   C SEV3 database 2025-01-20       00:00   00:10    00:10    00:20  00:40     01:00    02:00   grafana
 *   D SEV1 drill, E SEV1 dismissed (payments, January): never counted
 * search, February 2025, imported
 *   F SEV2 database 2025-02-10       00:00   00:00    00:00    00:05  00:10     00:20    00:30   import
 * </pre>
 *
 * The version comparison (2023, service kpi-versions, decision table kpi-test-table, which is not
 * deployed): under v1 times to mitigate of 30, 34, 38, 42, 46 min (median 38), under v2 20, 22, 24,
 * 26, 28 min (median 24): every resampled difference lies in [−26, −2] min, so "shorter"; one more
 * incident has no recorded version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500",
    "firebreak.kpi.minimum-incidents=2",
    "firebreak.kpi.metrics.refresh=0s"})
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@DirtiesContext
abstract class AbstractKpiIT {

  static final String PERIOD = "from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  javax.sql.DataSource dataSource;
  @Autowired
  Directory directory;
  @Autowired
  org.camunda.bpm.engine.RepositoryService repository;
  @Autowired
  DefinitionVersions versions;
  @Autowired
  KpiCatchUp catchUp;

  LifecycleClient client;

  @BeforeEach
  void seed() {
    client = new LifecycleClient(port);
    if (jdbc.sql("SELECT COUNT(*) FROM incident WHERE incident_key = 'KPI-A'").query(Integer.class).single() > 0) {
      return;
    }
    insert("KPI-A", "payments", "outage", "SEV1", "closed", false, false, "alertmanager", "2025-01-05T10:00:00Z",
        "2025-01-05T10:05:00Z", "2025-01-05T10:06:00Z", "2025-01-05T10:10:00Z", "2025-01-05T10:30:00Z",
        "2025-01-05T11:00:00Z", "2025-01-05T12:00:00Z");
    insert("KPI-B", "payments", "outage", "SEV2", "resolved", false, false, "api", null,
        "2025-01-15T08:00:00Z", "2025-01-15T08:02:00Z", null, "2025-01-15T09:00:00Z", "2025-01-15T09:30:00Z", null);
    insert("KPI-C", "payments", "database", "SEV3", "closed", false, false, "grafana", "2025-01-20T00:00:00Z",
        "2025-01-20T00:10:00Z", "2025-01-20T00:10:00Z", "2025-01-20T00:20:00Z", "2025-01-20T00:40:00Z",
        "2025-01-20T01:00:00Z", "2025-01-20T02:00:00Z");
    insert("KPI-D", "payments", "outage", "SEV1", "closed", true, false, "drill", null, "2025-01-07T00:00:00Z",
        "2025-01-07T00:00:00Z", "2025-01-07T00:01:00Z", "2025-01-07T05:00:00Z", "2025-01-07T06:00:00Z",
        "2025-01-07T07:00:00Z");
    insert("KPI-E", "payments", "outage", "SEV1", "dismissed", false, false, "alertmanager", null,
        "2025-01-08T00:00:00Z", "2025-01-08T00:00:00Z", null, null, null, "2025-01-08T00:30:00Z");
    insert("KPI-F", "search", "database", "SEV2", "closed", false, true, "import", "2025-02-10T00:00:00Z",
        "2025-02-10T00:00:00Z", "2025-02-10T00:00:00Z", "2025-02-10T00:05:00Z", "2025-02-10T00:10:00Z",
        "2025-02-10T00:20:00Z", "2025-02-10T00:30:00Z");
    int[][] versioned = {{1, 30}, {1, 34}, {1, 38}, {1, 42}, {1, 46}, {2, 20}, {2, 22}, {2, 24}, {2, 26}, {2, 28}};
    for (int i = 0; i < versioned.length; i++) {
      String key = "KPI-V" + i;
      Instant impact = Instant.parse("2023-03-01T00:00:00Z").plus(Duration.ofDays(10L * i));
      insert(key, "kpi-versions", "outage", "SEV2", "closed", false, false, "api", impact.toString(),
          impact.toString(), impact.toString(), impact.plusSeconds(60).toString(),
          impact.plus(Duration.ofMinutes(versioned[i][1])).toString(), impact.plus(Duration.ofHours(2)).toString(),
          impact.plus(Duration.ofHours(3)).toString());
      jdbc.sql("""
          INSERT INTO incident_definition_version (incident_key, definition_type, definition_key, version,
            definition_id, recorded_at) VALUES (?, 'decision', 'kpi-test-table', ?, ?, ?)""")
          .params(key, versioned[i][0], "kpi-test-table:" + versioned[i][0], t("2023-12-01T00:00:00Z")).update();
    }
    insert("KPI-VX", "kpi-versions", "outage", "SEV2", "closed", false, false, "api", "2023-06-01T00:00:00Z",
        "2023-06-01T00:00:00Z", "2023-06-01T00:00:00Z", null, "2023-06-01T00:10:00Z", "2023-06-01T00:20:00Z",
        "2023-06-01T00:30:00Z");
    // for the corrections: outside the period of the figures
    insert("KPI-G", "payments", "outage", "SEV2", "resolved", false, false, "api", null, "2024-06-01T10:00:00Z",
        "2024-06-01T10:01:00Z", "2024-06-01T10:05:00Z", "2024-06-01T10:30:00Z", "2024-06-01T11:00:00Z", null);
  }

  @Test
  void everyDefinitionAgainstTheHandComputedSet() {
    JsonNode report = kpis("manager", PERIOD + "&service=payments");
    JsonNode group = only(report);
    assertThat(group.path("n").asLong()).as("drill and dismissed are left out").isEqualTo(3);
    stats(group, "timeToDetect", 3, 300, 300, 540);
    stats(group, "timeToAcknowledge", 2, 420, 420, 564);
    stats(group, "timeToMitigate", 3, 2600, 2400, 3360);
    stats(group, "timeToResolve", 3, 4200, 3600, 5040);
    stats(group, "timeToClose", 2, 3600, 3600, 3600);
    // MTBF: (59 days − 7,800 s of impact) ÷ 3 failures
    assertThat(group.path("mtbf").path("value").asDouble()).isCloseTo((59 * 86400.0 - 7800) / 3, within(0.5));
    // between incidents: B − A resolved = 853,200 s, C − B resolved = 397,800 s
    assertThat(group.path("meanTimeBetweenIncidents").path("n").asLong()).isEqualTo(2);
    assertThat(group.path("meanTimeBetweenIncidents").path("value").asDouble()).isCloseTo(625_500, within(0.5));
    // SEV1/SEV2 within 30 minutes: A (30 min exactly) yes, B (60 min) no
    assertThat(group.path("sev1Sev2MitigatedWithinTarget").path("n").asLong()).isEqualTo(2);
    assertThat(group.path("sev1Sev2MitigatedWithinTarget").path("value").asDouble()).isEqualTo(0.5);
    // A (Alertmanager) and C (Grafana) of 3
    assertThat(group.path("detectedByAlerts").path("value").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(group.path("durations").path("timeToMitigate").path("medianText").asText()).isEqualTo("40 min");
    assertThat(report.path("definitions").path("timeToMitigate").asText())
        .isEqualTo("Time to mitigate (the headline MTTR): mitigated at − impact started at.");
    assertThat(report.path("definitions").path("timeToClose").asText()).contains("never part of MTTR");
    assertThat(report.path("mitigationTarget").asText()).isEqualTo("PT30M");

    JsonNode korean = kpis("auditor", PERIOD + "&service=payments&lang=ko");
    assertThat(korean.path("definitions").path("timeToMitigate").asText()).startsWith("완화 시간(대표 MTTR)");
    assertThat(only(korean).path("durations").path("timeToMitigate").path("medianText").asText()).isEqualTo("40분");
  }

  /**
   * The figures are worked out over a copy of the records' KPI columns (KpiRows): every write is seen
   * by the next answer, whoever writes (here plain SQL, as an operator or another node would), also a
   * transaction that took its row version before another's but commits after it.
   */
  @Test
  void theFiguresFollowEveryWriteOfTheRecordsAlsoOneCommittedOutOfOrder() throws Exception {
    String payments = PERIOD + "&service=payments";
    assertThat(median(kpis("manager", payments), "timeToMitigate")).isEqualTo(2400);
    try (java.sql.Connection first = dataSource.getConnection(); java.sql.Connection second = dataSource.getConnection()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      // C mitigated 10 minutes later (40 → 50 min): its row version is taken now, committed last
      execute(first, "UPDATE incident SET mitigated_at = TIMESTAMP WITH TIME ZONE '2025-01-20 00:50:00+00' "
          + "WHERE incident_key = 'KPI-C'");
      execute(second, "UPDATE incident SET title = 'KPI data set KPI-B, renamed' WHERE incident_key = 'KPI-B'");
      second.commit();
      assertThat(median(kpis("manager", payments), "timeToMitigate")).as("C's change not committed yet")
          .isEqualTo(2400);
      first.commit();
    }
    // A 30, B 60, C 50 min
    assertThat(median(kpis("manager", payments), "timeToMitigate")).isEqualTo(3000);
    jdbc.sql("UPDATE incident SET mitigated_at = ? WHERE incident_key = 'KPI-C'").param(t("2025-01-20T00:40:00Z"))
        .update();
    assertThat(median(kpis("manager", payments), "timeToMitigate")).isEqualTo(2400);

    insert("KPI-H", "payments", "outage", "SEV2", "closed", false, false, "api", null, "2025-02-01T00:00:00Z",
        "2025-02-01T00:00:00Z", null, "2025-02-01T02:00:00Z", "2025-02-01T03:00:00Z", "2025-02-01T04:00:00Z");
    assertThat(only(kpis("manager", payments)).path("n").asLong()).as("a new record").isEqualTo(4);
    jdbc.sql("UPDATE incident SET status = 'dismissed' WHERE incident_key = 'KPI-H'").update();
    assertThat(only(kpis("manager", payments)).path("n").asLong()).as("dismissed: no longer counted").isEqualTo(3);
    jdbc.sql("DELETE FROM incident WHERE incident_key = 'KPI-H'").update();
    assertThat(only(kpis("manager", payments)).path("n").asLong()).isEqualTo(3);
  }

  private static double median(JsonNode report, String measure) {
    return only(report).path("durations").path(measure).path("median").asDouble();
  }

  private static void execute(java.sql.Connection connection, String sql) throws java.sql.SQLException {
    try (java.sql.Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  @Test
  void noIncidentsAndOneIncidentSayNotEnough() {
    JsonNode none = only(kpis("admin", "from=2020-01-01&to=2020-02-01"));
    assertThat(none.path("n").asLong()).isZero();
    assertThat(none.path("durations").path("timeToMitigate").path("median").isNull()).isTrue();
    assertThat(none.path("durations").path("timeToMitigate").path("note").asText())
        .isEqualTo("not enough incidents (n=0, at least 2)");

    JsonNode one = only(kpis("admin", PERIOD + "&service=search"));
    assertThat(one.path("n").asLong()).isEqualTo(1);
    assertThat(one.path("imported").asLong()).as("imported incidents are counted and flagged").isEqualTo(1);
    assertThat(one.path("durations").path("timeToMitigate").path("n").asLong()).isEqualTo(1);
    assertThat(one.path("durations").path("timeToMitigate").path("median").isNull()).isTrue();
    assertThat(one.path("mtbf").path("note").asText()).isEqualTo("not enough incidents (n=1, at least 2)");
    assertThat(one.path("detectedByAlerts").path("value").isNull()).isTrue();
  }

  @Test
  void filtersAndGroupings() {
    JsonNode byServiceAndMonth = kpis("manager", PERIOD + "&groupBy=service,month");
    assertThat(byServiceAndMonth.path("groups")).hasSize(2);
    assertThat(byServiceAndMonth.path("groups").get(0).path("keys").path("service").asText()).isEqualTo("payments");
    assertThat(byServiceAndMonth.path("groups").get(0).path("keys").path("month").asText()).isEqualTo("2025-01");
    assertThat(byServiceAndMonth.path("groups").get(0).path("n").asLong()).isEqualTo(3);
    assertThat(byServiceAndMonth.path("groups").get(1).path("keys").path("month").asText()).isEqualTo("2025-02");
    assertThat(byServiceAndMonth.path("groups").get(1).path("n").asLong()).isEqualTo(1);

    assertThat(only(kpis("manager", PERIOD + "&imported=exclude")).path("n").asLong()).isEqualTo(3);
    assertThat(only(kpis("manager", PERIOD + "&imported=only")).path("n").asLong()).isEqualTo(1);
    assertThat(only(kpis("manager", PERIOD + "&severity=SEV1")).path("n").asLong()).isEqualTo(1);
    assertThat(only(kpis("manager", PERIOD + "&type=database")).path("n").asLong()).isEqualTo(2);
    assertThat(only(kpis("manager", PERIOD + "&severity=SEV1&severity=SEV2")).path("n").asLong()).isEqualTo(3);
    String paymentsTeam = directory.owningTeam("payments").orElseThrow();
    assertThat(only(kpis("manager", PERIOD + "&team=" + paymentsTeam)).path("n").asLong()).isEqualTo(3);

    JsonNode bySeverity = kpis("manager", PERIOD + "&groupBy=severity");
    assertThat(bySeverity.path("groups").findValuesAsText("severity")).containsExactly("SEV1", "SEV2", "SEV3");
    JsonNode byTeamAndQuarter = kpis("manager", PERIOD + "&groupBy=team,quarter");
    assertThat(byTeamAndQuarter.path("groups").findValuesAsText("quarter")).containsOnly("2025-Q1");
    assertThat(byTeamAndQuarter.path("groups").findValuesAsText("team")).contains(paymentsTeam);
    JsonNode byWeek = kpis("manager", PERIOD + "&service=payments&groupBy=week");
    assertThat(byWeek.path("groups").findValuesAsText("week")).containsExactly("2025-W01", "2025-W03", "2025-W04");
    assertThat(byWeek.path("groups").get(0).path("mtbf").path("note").asText())
        .as("one incident in the week").startsWith("not enough incidents");
    JsonNode byImpact = kpis("manager", PERIOD + "&groupBy=impact");
    assertThat(byImpact.path("groups").findValuesAsText("impact")).containsExactly("part-of-users");
    assertThat(byImpact.path("groups").get(0).path("n").asLong()).isEqualTo(4);
    JsonNode byType = kpis("manager", PERIOD + "&groupBy=type");
    assertThat(byType.path("groups").get(0).path("mtbf").path("note").asText())
        .isEqualTo("MTBF is per service: group or filter by service");
  }

  @Test
  void csvByAcceptOrFormat() {
    java.net.http.HttpResponse<String> csv = getCsv("auditor", "/api/kpis?" + PERIOD + "&service=payments");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String text = csv.body();
    assertThat(text).contains("# timeToMitigate: Time to mitigate (the headline MTTR)");
    List<String> lines = text.lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(lines.get(0)).startsWith("n,imported,timeToDetect_n,timeToDetect_mean_s,timeToDetect_median_s");
    assertThat(lines.get(1)).startsWith("3,0,3,300,300,540,2,420,420,564,3,2600,2400,3360");
    LifecycleClient.Response byFormat = client.get("auditor", "/api/kpis?" + PERIOD + "&service=search&format=csv");
    assertThat(byFormat.body().asText()).contains("not enough incidents (n=1, at least 2)");
  }

  @Test
  void badParametersAndWhoMayRead() {
    for (String bad : List.of("groupBy=week,month", "from=yesterday", "groupBy=colour", "severity=SEV9",
        "type=flood", "imported=maybe", "from=2025-02-01&to=2025-01-01", "colour=red")) {
      LifecycleClient.Response answer = client.get("manager", "/api/kpis?" + bad);
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.contentType()).as(bad).startsWith("application/problem+json");
    }
    assertThat(client.get("responder", "/api/kpis").status()).isEqualTo(403);
    assertThat(client.get("owner", "/api/kpis").status()).isEqualTo(403);
    assertThat(client.get("auditor", "/api/kpis").status()).isEqualTo(200);
  }

  @Test
  void correctionsKeepTheOrderAndAreOnTheTimeline() {
    String path = "/api/incidents/KPI-G/times";
    LifecycleClient.Response late = client.post("manager", path,
        Map.of("mitigatedAt", "2024-06-01T11:30:00Z", "reason", "monitoring started later"));
    assertThat(late.status()).isEqualTo(422);
    assertThat(late.contentType()).startsWith("application/problem+json");
    assertThat(late.body().path("violations").toString()).contains("mitigated", "must not be after resolved");
    LifecycleClient.Response afterDetection = client.post("manager", path,
        Map.of("impactStartedAt", "2024-06-01T10:10:00Z", "reason", "typo"));
    assertThat(afterDetection.status()).isEqualTo(422);
    assertThat(client.post("manager", path, Map.of("impactStartedAt", "2024-06-01T09:00:00Z")).status())
        .as("a reason is required").isEqualTo(400);
    assertThat(client.post("auditor", path, Map.of("impactStartedAt", "2024-06-01T09:00:00Z", "reason", "x"))
        .status()).isEqualTo(403);

    LifecycleClient.Response corrected = client.post("responder", path, Map.of(
        "impactStartedAt", "2024-06-01T09:40:00+00:00", "mitigatedAt", "2024-06-01T10:20:00Z",
        "reason", "Error rate rose at 09:40 in the dashboard"));
    assertThat(corrected.status()).as("%s", corrected.body()).isEqualTo(200);
    JsonNode incident = client.get("manager", "/api/incidents/KPI-G").body();
    assertThat(Instant.parse(incident.path("incident").path("impactStartedAt").asText()))
        .isEqualTo(Instant.parse("2024-06-01T09:40:00Z"));
    List<String> corrections = incident.path("timeline").findValues("summary").stream().map(JsonNode::asText)
        .filter(s -> s.contains("corrected")).toList();
    assertThat(corrections).hasSize(2);
    assertThat(corrections.get(0)).startsWith("Impact start corrected: 2024-06-01 19:00:00 → 2024-06-01 18:40:00");
    assertThat(corrections.get(1)).startsWith("Mitigated corrected: 2024-06-01 19:30:00 → 2024-06-01 19:20:00");
    // the time to mitigate now runs from the corrected impact start: 40 minutes (the stored KPI columns
    // are recomputed by the database when the record changes)
    JsonNode figures = only(kpis("admin", "from=2024-06-01&to=2024-06-02&service=payments"));
    assertThat(figures.path("durations").path("timeToMitigate").path("n").asLong()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT kpi_ttm_s FROM incident WHERE incident_key = 'KPI-G'").query(Double.class).single())
        .isEqualTo(2400.0);
    assertThat(jdbc.sql("SELECT kpi_ttd_s FROM incident WHERE incident_key = 'KPI-G'").query(Double.class).single())
        .as("detected 10:00 − impact 09:40").isEqualTo(1200.0);
  }

  @Test
  void versionsCompareTheHandComputedSet() {
    String path = "/api/kpis/versions?decision=kpi-test-table&from=2023-01-01&to=2024-01-01&service=kpi-versions";
    LifecycleClient.Response answer = client.get("auditor", path);
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    JsonNode versions = answer.body();
    assertThat(versions.path("type").asText()).isEqualTo("decision");
    assertThat(versions.path("measure").asText()).isEqualTo("timeToMitigate");
    assertThat(versions.path("revisions").findValuesAsText("version")).containsExactly("1", "2");
    assertThat(versions.path("revisions").get(0).path("stats").path("median").asDouble()).isEqualTo(38 * 60.0);
    assertThat(versions.path("revisions").get(1).path("stats").path("median").asDouble()).isEqualTo(24 * 60.0);
    assertThat(versions.path("unrecorded").asLong()).as("KPI-VX").isEqualTo(1);
    JsonNode change = versions.path("changes").get(0);
    assertThat(change.path("verdict").asText()).isEqualTo("shorter");
    assertThat(change.path("difference").asDouble()).isEqualTo(-14 * 60.0);
    assertThat(change.path("low").asDouble()).isBetween(-26 * 60.0, -14 * 60.0);
    assertThat(change.path("high").asDouble()).isBetween(-14 * 60.0, -2 * 60.0);
    assertThat(change.path("summary").asText()).startsWith("since kpi-test-table v2 (no longer deployed): "
        + "median time to mitigate 38 min → 24 min, n=5 vs 5; shorter");
    assertThat(versions.path("definitions").path("comparison").asText()).contains("95% bootstrap interval");
    assertThat(client.get("auditor", path).body().path("changes")).as("seeded: the same answer again")
        .isEqualTo(versions.path("changes"));

    JsonNode korean = client.get("manager", path + "&lang=ko").body();
    assertThat(korean.path("changes").get(0).path("summary").asText()).contains("완화 시간 중앙값 38분 → 24분", "짧아짐");
    JsonNode acknowledge = client.get("manager", path + "&measure=timeToAcknowledge").body();
    assertThat(acknowledge.path("changes").get(0).path("verdict").asText()).as("1 min everywhere")
        .isEqualTo("no-clear-change");
    JsonNode few = client.get("manager", path.replace("to=2024-01-01", "to=2023-04-05")).body();
    assertThat(few.path("changes")).as("only v1 incidents before April 5").isEmpty();
    JsonNode notEnough = client.get("manager",
        "/api/kpis/versions?decision=kpi-test-table&from=2023-04-10&to=2023-06-20").body();
    assertThat(notEnough.path("changes").get(0).path("verdict").asText()).as("v1: one incident")
        .isEqualTo("not-enough");

    for (String bad : List.of("measure=speed", "process=incident&decision=x", "groupBy=month", "colour=red")) {
      LifecycleClient.Response refused = client.get("manager", "/api/kpis/versions?" + bad);
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
    }
    assertThat(client.get("responder", "/api/kpis/versions").status()).isEqualTo(403);
  }

  /**
   * kpi-versions SEV2, times to mitigate 30 34 38 42 46 20 22 24 26 28 10 min: 1 at most 10 min, 7 at
   * most 30 min, all 11 at most 1 h, sum 320 min; payments SEV1 only A (the drill D is not counted).
   */
  @Test
  void prometheusHistogramsFromTheRecordsOncePerCluster() {
    String scrape = scrape();
    assertThat(scrape).contains("# TYPE firebreak_incident_time_to_mitigate_seconds histogram");
    String series = "firebreak_incident_time_to_mitigate_seconds_bucket{service=\"kpi-versions\",severity=\"SEV2\",le=";
    assertThat(scrape).contains(series + "\"300.0\"} 0", series + "\"600.0\"} 1", series + "\"1800.0\"} 7",
        series + "\"3600.0\"} 11", series + "\"+Inf\"} 11");
    assertThat(scrape).contains(
        "firebreak_incident_time_to_mitigate_seconds_count{service=\"kpi-versions\",severity=\"SEV2\"} 11",
        "firebreak_incident_time_to_mitigate_seconds_sum{service=\"kpi-versions\",severity=\"SEV2\"} 19200.0",
        "firebreak_incident_time_to_mitigate_seconds_count{service=\"payments\",severity=\"SEV1\"} 1",
        "firebreak_incident_time_to_acknowledge_seconds_count{service=\"kpi-versions\",severity=\"SEV2\"} 10",
        "firebreak_incident_time_to_resolve_seconds_bucket", "firebreak_incident_time_to_detect_seconds_bucket",
        "firebreak_incident_time_to_close_seconds_bucket", "firebreak_kpi_exporter 1.0");
    assertThat(scrape).as("imported incidents are left out")
        .doesNotContain("firebreak_incident_time_to_mitigate_seconds_count{service=\"search\",severity=\"SEV2\"}");

    // another node holds the lease: this one exports no histograms, only that it is not the exporter
    jdbc.sql("UPDATE kpi_exporter_lease SET holder = 'other-node', expires_at = ?")
        .param(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)).update();
    String other = scrape();
    assertThat(other).contains("firebreak_kpi_exporter 0.0").doesNotContain("firebreak_incident_time_to_mitigate_seconds");
    // its lease expired (it stopped being scraped): this node takes over
    jdbc.sql("UPDATE kpi_exporter_lease SET expires_at = ?").param(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
        .update();
    assertThat(scrape()).contains("firebreak_kpi_exporter 1.0", series + "\"+Inf\"} 11");
    assertThat(jdbc.sql("SELECT holder FROM kpi_exporter_lease").query(String.class).single()).isNotEqualTo("other-node");
  }

  private String scrape() {
    java.net.http.HttpResponse<String> answer = getText("admin", "/actuator/prometheus", "text/plain");
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  @Test
  void versionsWithTheSameModelAreOneRevision() {
    var model = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("kpi-probe").camundaHistoryTimeToLive(1)
        .startEvent().endEvent().done();
    String xml = org.camunda.bpm.model.bpmn.Bpmn.convertToString(model);
    for (String content : List.of(xml, xml, xml.replace("<endEvent", "<endEvent name=\"Done\""))) {
      repository.createDeployment().name("kpi-probe").addString("kpi-probe.bpmn", content).deploy();
    }
    List<DefinitionVersions.Revision> revisions = versions.revisions("process", "kpi-probe");
    assertThat(revisions).extracting(DefinitionVersions.Revision::versions)
        .containsExactly(List.of(1, 2), List.of(3));
    assertThat(revisions.get(0).deployedAt()).isNotNull();
  }

  @Test
  void stepTimesOfARealIncidentRun() {
    Map<String, Object> declaration = new LinkedHashMap<>();
    declaration.put("title", "Search results empty");
    declaration.put("service", "search");
    declaration.put("incidentType", "outage");
    declaration.put("impactScope", "part-of-users");
    declaration.put("description", "Search answers nothing for some users.");
    declaration.put("detectedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString());
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", declaration);
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    String key = declared.body().path("incident").path("key").asText();
    client.workUntilClosed(key);

    JsonNode steps = awaitSteps(key);
    JsonNode triage = step(steps, "TriageIncident");
    assertThat(triage.path("kind").asText()).isEqualTo("user-task");
    assertThat(triage.path("claimedAt").isNull()).as("claimed through REST").isFalse();
    assertThat(triage.path("waitSeconds").asDouble() + triage.path("workSeconds").asDouble())
        .isCloseTo(triage.path("durationSeconds").asDouble(), within(0.01));
    assertThat(triage.path("assignee").asText()).isEqualTo("responder");
    assertThat(step(steps, "ApproveRollback").path("kind").asText()).isEqualTo("approval");
    assertThat(step(steps, "ApproveRollback").path("process").asText()).isEqualTo("recovery");
    assertThat(step(steps, "RecoverService").path("kind").asText()).isEqualTo("call-activity");
    assertThat(step(steps, "RequestRollback").path("kind").asText()).isEqualTo("service-task");
    assertThat(steps.path("definition").asText()).contains("waits from created to claimed");

    JsonNode aggregate = client.get("auditor", "/api/kpis/steps?service=search").body();
    JsonNode approve = null;
    for (JsonNode s : aggregate.path("steps")) {
      if (s.path("activityId").asText().equals("ApproveRollback")) {
        approve = s;
      }
    }
    assertThat(approve).isNotNull();
    assertThat(approve.path("n").asLong()).isEqualTo(1);
    assertThat(approve.path("waiting").path("note").asText()).isEqualTo("not enough incidents (n=1, at least 2)");

    JsonNode recovery = kpis("auditor", "service=search").path("recovery");
    assertThat(recovery.path("recoveries").asLong()).isEqualTo(1);
    assertThat(recovery.path("deployments").asLong()).isEqualTo(1);
    assertThat(recovery.path("rollbacks").path("count").asLong()).isEqualTo(1);
    assertThat(recovery.path("failedDeploymentRecoveryTime").path("n").asLong()).isEqualTo(1);

    // the versions it ran under, recorded from the history as it went
    int deployed = repository.createProcessDefinitionQuery().processDefinitionKey("incident").latestVersion()
        .singleResult().getVersion();
    JsonNode byVersion = client.get("auditor", "/api/kpis/versions?service=search").body();
    assertThat(byVersion.path("key").asText()).isEqualTo("incident");
    assertThat(byVersion.path("revisions")).hasSize(1);
    assertThat(byVersion.path("revisions").get(0).path("versions").toString()).contains(String.valueOf(deployed));
    assertThat(byVersion.path("revisions").get(0).path("incidents").asLong()).isEqualTo(1);
    assertThat(byVersion.path("available").path("process").toString()).contains("incident", "recovery");
    assertThat(byVersion.path("available").path("decision").toString()).contains("incident-severity");
    JsonNode severity = client.get("auditor", "/api/kpis/versions?service=search&decision=incident-severity").body();
    assertThat(severity.path("revisions").get(0).path("incidents").asLong()).isEqualTo(1);

    // the start-up catch-up: as if the incident had closed before incident_definition_version existed
    // (V22) and its node had died before the step snapshot; the history still knows both
    List<Map<String, Object>> recordedVersions = jdbc.sql("SELECT definition_type, definition_key, version "
        + "FROM incident_definition_version WHERE incident_key = ? ORDER BY definition_type, definition_key")
        .param(key).query().listOfRows();
    int savedSteps = steps.path("steps").size();
    jdbc.sql("DELETE FROM incident_definition_version WHERE incident_key = ?").param(key).update();
    jdbc.sql("DELETE FROM incident_step WHERE incident_key = ?").param(key).update();
    KpiCatchUp.Result caughtUp = catchUp.run();
    assertThat(caughtUp.versions()).isEqualTo(1);
    assertThat(caughtUp.steps()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT definition_type, definition_key, version FROM incident_definition_version "
        + "WHERE incident_key = ? ORDER BY definition_type, definition_key").param(key).query().listOfRows())
        .isEqualTo(recordedVersions);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM incident_step WHERE incident_key = ?").param(key).query(Integer.class)
        .single()).isEqualTo(savedSteps);
    assertThat(catchUp.run()).as("idempotent: nothing left to copy").isEqualTo(new KpiCatchUp.Result(0, 0));
  }

  /**
   * The recovery figures from the deployment table (service kpi-deploys, March 2024), by hand:
   * <pre>
   * incident impact        deployment records (requested → finished, outcome)            Recover service ends
   *   R1     03-01 10:00   rollback 10:10 → 10:25 succeeded                              10:40
   *   R2     03-05 00:00   rollback 00:05 → 00:15 failed; hotfix 00:20 → 01:00 succeeded   01:10
   *   R3     03-10 00:00   abort-canary 00:05 → 00:08 succeeded                          00:20
   *   R4     03-15 00:00   none; the step Request rollback                               00:30
   *   R5     03-20 00:00   none (fixed in place)                                         00:15
   * </pre>
   * Recoveries 5, by deployment 4 (R1–R4); deployments 5 (4 recorded, R4's from its step): rollbacks 3,
   * hotfixes 1, canary aborts 1. Recovery times 25, 60, 8 min from the records (the last succeeded
   * finish, not the end of Recover service) and 30 min from R4's steps: sorted 8, 25, 30, 60 min, mean
   * 30.75 min = 1845 s, median 27.5 min = 1650 s, p90 30 + 0.7 × 30 = 51 min = 3060 s.
   */
  @Test
  void recoveryTimeAndDeploymentSharesFromTheDeploymentRecords() {
    if (jdbc.sql("SELECT COUNT(*) FROM incident WHERE incident_key = 'KPI-R1'").query(Integer.class).single() == 0) {
      String[][] incidents = {{"KPI-R1", "2024-03-01T10:00:00Z", "2024-03-01T10:40:00Z"},
          {"KPI-R2", "2024-03-05T00:00:00Z", "2024-03-05T01:10:00Z"},
          {"KPI-R3", "2024-03-10T00:00:00Z", "2024-03-10T00:20:00Z"},
          {"KPI-R4", "2024-03-15T00:00:00Z", "2024-03-15T00:30:00Z"},
          {"KPI-R5", "2024-03-20T00:00:00Z", "2024-03-20T00:15:00Z"}};
      for (String[] incident : incidents) {
        insert(incident[0], "kpi-deploys", "outage", "SEV2", "closed", false, false, "api", incident[1], incident[1],
            incident[1], incident[1], incident[2], incident[2], incident[2]);
        step(incident[0], "incident", "RecoverService", "call-activity", incident[1], incident[2]);
      }
      step("KPI-R4", "recovery", "RequestRollback", "service-task", "2024-03-15T00:05:00Z", "2024-03-15T00:05:01Z");
      deployment("KPI-R1", "rollback", "2024-03-01T10:10:00Z", "2024-03-01T10:25:00Z", "succeeded");
      deployment("KPI-R2", "rollback", "2024-03-05T00:05:00Z", "2024-03-05T00:15:00Z", "failed");
      deployment("KPI-R2", "hotfix", "2024-03-05T00:20:00Z", "2024-03-05T01:00:00Z", "succeeded");
      deployment("KPI-R3", "abort-canary", "2024-03-10T00:05:00Z", "2024-03-10T00:08:00Z", "succeeded");
    }
    JsonNode recovery = kpis("auditor", "from=2024-03-01T00:00:00Z&to=2024-04-01T00:00:00Z&service=kpi-deploys")
        .path("recovery");
    assertThat(recovery.path("recoveries").asLong()).isEqualTo(5);
    assertThat(recovery.path("recoveredByDeployment").path("count").asLong()).isEqualTo(4);
    assertThat(recovery.path("deployments").asLong()).isEqualTo(5);
    assertThat(recovery.path("recorded").asLong()).as("from the deployment table").isEqualTo(4);
    assertThat(recovery.path("rollbacks").path("count").asLong()).isEqualTo(3);
    assertThat(recovery.path("rollbacks").path("value").asDouble()).isCloseTo(0.6, within(0.001));
    assertThat(recovery.path("hotfixes").path("count").asLong()).isEqualTo(1);
    assertThat(recovery.path("canaryAborts").path("count").asLong()).isEqualTo(1);
    JsonNode time = recovery.path("failedDeploymentRecoveryTime");
    assertThat(time.path("n").asLong()).isEqualTo(4);
    assertThat(time.path("mean").asDouble()).isCloseTo(1845, within(0.001));
    assertThat(time.path("median").asDouble()).isCloseTo(1650, within(0.001));
    assertThat(time.path("p90").asDouble()).isCloseTo(3060, within(0.001));
  }

  private void step(String key, String process, String activity, String kind, String started, String ended) {
    OffsetDateTime from = t(started);
    OffsetDateTime to = t(ended);
    long ms = java.time.Duration.between(from, to).toMillis();
    jdbc.sql("""
        INSERT INTO incident_step (incident_key, process_key, process_version, activity_id, activity_name,
          step_kind, started_at, claimed_at, ended_at, wait_ms, work_ms, duration_ms, assignee)
        VALUES (?, ?, 1, ?, ?, ?, ?, NULL, ?, 0, ?, ?, NULL)""")
        .params(key, process, activity, activity, kind, from, to, ms, ms).update();
  }

  private void deployment(String key, String action, String requested, String finished, String outcome) {
    jdbc.sql("""
        INSERT INTO deployment (request_id, incident_key, process_instance_id, service, tool, action, target, attempts,
          requested_at, finished_at, outcome) VALUES (?, ?, 'kpi-test', 'kpi-deploys', 'argocd', ?, 'kpi-deploys', 1, ?, ?, ?)""")
        .params(java.util.UUID.randomUUID().toString(), key, action, t(requested), t(finished), outcome).update();
  }

  private java.net.http.HttpResponse<String> getCsv(String user, String path) {
    return getText(user, path, "text/csv");
  }

  private java.net.http.HttpResponse<String> getText(String user, String path, String accept) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://localhost:" + port + path)).header("Accept", accept)
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
          .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode awaitSteps(String key) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonNode steps = null;
    while (Instant.now().isBefore(deadline)) {
      steps = client.get("auditor", "/api/incidents/" + key + "/steps").body();
      if (steps.path("steps").size() > 0) {
        return steps;
      }
      sleep();
    }
    throw new AssertionError("no steps for " + key + ": " + steps);
  }

  private static JsonNode step(JsonNode steps, String activityId) {
    for (JsonNode step : steps.path("steps")) {
      if (step.path("activityId").asText().equals(activityId)) {
        return step;
      }
    }
    throw new AssertionError("no step " + activityId + " in " + steps);
  }

  JsonNode kpis(String user, String query) {
    LifecycleClient.Response answer = client.get(user, "/api/kpis?" + query);
    assertThat(answer.status()).as("%s: %s", query, answer.body()).isEqualTo(200);
    return answer.body();
  }

  private static JsonNode only(JsonNode report) {
    assertThat(report.path("groups")).hasSize(1);
    return report.path("groups").get(0);
  }

  private static void stats(JsonNode group, String measure, long n, double mean, double median, double p90) {
    JsonNode stats = group.path("durations").path(measure);
    assertThat(stats.path("n").asLong()).as(measure + " n").isEqualTo(n);
    assertThat(stats.path("mean").asDouble()).as(measure + " mean").isCloseTo(mean, within(0.001));
    assertThat(stats.path("median").asDouble()).as(measure + " median").isCloseTo(median, within(0.001));
    assertThat(stats.path("p90").asDouble()).as(measure + " p90").isCloseTo(p90, within(0.001));
  }

  void insert(String key, String service, String type, String severity, String status, boolean drill,
      boolean imported, String source, String impact, String detected, String declared, String acknowledged,
      String mitigated, String resolved, String closed) {
    jdbc.sql("""
        INSERT INTO incident (incident_key, title, service, incident_type, impact_scope, severity, status, drill,
          source, imported, impact_started_at, detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at,
          closed_at)
        VALUES (?, ?, ?, ?, 'part-of-users', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(key, "KPI data set " + key, service, type, severity, status, drill, source, imported, t(impact),
            t(detected), t(declared), t(acknowledged), t(mitigated), t(resolved), t(closed))
        .update();
  }

  private static OffsetDateTime t(String text) {
    return text == null ? null : OffsetDateTime.parse(text);
  }

  private static void sleep() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
