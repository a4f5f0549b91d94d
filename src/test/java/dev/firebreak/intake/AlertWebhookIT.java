package dev.firebreak.intake;

import dev.firebreak.incident.Severity;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.ImpactScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/** The webhooks over HTTP: payload mapping, every status code, and the correlation paths. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "firebreak.intake.token=test-token",
    "firebreak.intake.max-body-bytes=20000",
    "firebreak.intake.grafana.hmac-secret=grafana-secret"})
@DirtiesContext
@AutoConfigureObservability
class AlertWebhookIT {

  static final String AM = "/api/alerts/alertmanager";
  static final String GRAFANA = "/api/alerts/grafana";

  @LocalServerPort
  int port;
  @Autowired
  Incidents incidents;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ProcessEngine engine;
  @Autowired
  AlertProcessor processor;

  final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);

  String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Posts, then lets the alert processor turn what was stored into incidents before asserting. */
  AlertPayloads.Answer alertmanager(ObjectNode payload) {
    AlertPayloads.Answer answer = AlertPayloads.post(port, AM, "test-token", payload.toString());
    processor.processPending();
    return answer;
  }

  AlertPayloads.Answer grafana(ObjectNode payload, long timestamp, String secret) {
    String body = payload.toString();
    String signature = WebhookAuthentication.hmacHex(secret,
        (timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
    AlertPayloads.Answer answer = AlertPayloads.post(port, GRAFANA, "test-token", body,
        "X-Grafana-Alerting-Signature", signature, "X-Grafana-Alerting-Signature-Timestamp", String.valueOf(timestamp));
    processor.processPending();
    return answer;
  }

  List<IncidentRecord> incidentsOf(String service) {
    return incidents.list(new dev.firebreak.incident.IncidentFilter(null, null, service));
  }

  @Test
  void firingGroupStartsOneIncidentMappedFromLabelsAndAnnotations() {
    String alertname = unique("HighErrorRate");
    AlertPayloads.Answer answer = alertmanager(AlertPayloads.alertmanager(alertname, "payments", unique("fp"), "firing", start));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("\"accepted\":1");

    IncidentRecord incident = incidentsOf("payments").stream().filter(i -> i.title().equals("Payments 5xx above 5%"))
        .filter(i -> incidents.timeline(i.key()).stream().anyMatch(e -> e.summary().contains(alertname)))
        .findFirst().orElseThrow();
    assertThat(incident.source()).isEqualTo("alertmanager");
    assertThat(incident.impactScope()).isEqualTo(ImpactScope.ALL_USERS);
    assertThat(incident.incidentType()).isEqualTo(IncidentType.OUTAGE);
    assertThat(incident.severity()).as("payment outage for all users").isEqualTo(Severity.SEV1);
    assertThat(incident.detectedAt()).isEqualTo(start);
    assertThat(incident.alertCount()).isEqualTo(1);
    TimelineEntry firing = incidents.timeline(incident.key()).stream()
        .filter(e -> e.summary().startsWith("Alert firing: " + alertname)).findFirst().orElseThrow();
    assertThat(firing.details().path("labels").path("instance").asText()).isEqualTo("payments-1:8080");
    assertThat(firing.details().path("generatorURL").asText()).startsWith("http://prometheus.example");
  }

  /** Issue 11: the handbook's free-text impact annotation is read by dmn/alert-classification.dmn. */
  @Test
  void theHandbooksKoreanImpactAnnotationMakesAPaymentOutageSev1() {
    String alertname = unique("PaymentsDown");
    ObjectNode payload = AlertPayloads.alertmanager(alertname, "payments", unique("fp"), "firing", start);
    ObjectNode alert = (ObjectNode) payload.withArray("alerts").get(0);
    ((ObjectNode) alert.get("labels")).put("severity", "warning");
    ((ObjectNode) alert.get("annotations")).put("impact", "전체 사용자의 결제 서비스 불가")
        .put("summary", "결제 서비스 응답 없음").put("description", "결제 API 5xx 100%");
    assertThat(alertmanager(payload).status()).isEqualTo(200);

    IncidentRecord incident = incidentsWithAlert(alertname).get(0);
    assertThat(incident.service()).isEqualTo("payments");
    assertThat(incident.impactScope()).isEqualTo(ImpactScope.ALL_USERS);
    assertThat(incident.incidentType()).isEqualTo(IncidentType.OUTAGE);
    assertThat(incident.severity()).as("all users of tier-1 payments").isEqualTo(Severity.SEV1);
    TimelineEntry classified = incidents.timeline(incident.key()).stream()
        .filter(e -> e.summary().startsWith("Classify alert: payments, outage, all users")).findFirst().orElseThrow();
    assertThat(classified.kind()).isEqualTo(TimelineEntry.Kind.DECISION);
    assertThat(classified.summary()).contains("전체");
    assertThat(classified.details().path("decision").asText()).isEqualTo("alert-classification");
    assertThat(classified.details().path("matchedRules").findValuesAsText("id"))
        .contains("alert-classification-rule-8", "alert-classification-rule-10");
    assertThat(engine.getRuntimeService().getVariable(incident.processInstanceId(), "serviceNote")).isNull();
  }

  /** Issue 11: "payment" is not in the catalog; the table makes it payments, and triage is told. */
  @Test
  void aMisspeltServiceLabelIsClassifiedAsPaymentsAtSev2OrAboveAndFlaggedForTriage() {
    String alertname = unique("PaymentErrors");
    ObjectNode payload = AlertPayloads.alertmanager(alertname, "payment", unique("fp"), "firing", start);
    ObjectNode alert = (ObjectNode) payload.withArray("alerts").get(0);
    ((ObjectNode) alert.get("labels")).put("severity", "warning");
    ((ObjectNode) alert.get("annotations")).remove("impact");
    assertThat(alertmanager(payload).status()).isEqualTo(200);

    IncidentRecord incident = incidentsWithAlert(alertname).get(0);
    assertThat(incident.service()).isEqualTo("payments");
    assertThat(incident.impactScope()).as("never internal-only for a customer-facing or unknown service")
        .isEqualTo(ImpactScope.PART_OF_USERS);
    assertThat(incident.severity()).as("not SEV4 internal-only").isIn(Severity.SEV1, Severity.SEV2);
    Object note = engine.getRuntimeService().getVariable(incident.processInstanceId(), "serviceNote");
    assertThat((String) note).contains("Unknown service", "'payment'", "payments");
    assertThat(incidents.timeline(incident.key())).anyMatch(e -> e.summary().startsWith("Unknown service")
        && e.summary().contains("'payment'"));
    assertThat(triageTask(incident).getId()).isNotNull();
  }

  /** Issue 11: a service the catalog does not know still opens an incident, at SEV2 until triage. */
  @Test
  void anAlertForAnUnknownServiceOpensAnIncidentAtSev2RoutedToRespondersAndFlagged() {
    String alertname = unique("StockSync");
    ObjectNode payload = AlertPayloads.alertmanager(alertname, "inventory", unique("fp"), "firing", start);
    ObjectNode alert = (ObjectNode) payload.withArray("alerts").get(0);
    ((ObjectNode) alert.get("labels")).put("severity", "warning");
    ((ObjectNode) alert.get("annotations")).remove("impact");
    assertThat(alertmanager(payload).status()).isEqualTo(200);

    IncidentRecord incident = incidentsWithAlert(alertname).get(0);
    assertThat(incident.service()).isEqualTo("inventory");
    assertThat(incident.impactScope()).isEqualTo(ImpactScope.PART_OF_USERS);
    assertThat(incident.severity()).as("unknown service: SEV2 until triage").isEqualTo(Severity.SEV2);
    var runtime = engine.getRuntimeService();
    assertThat((String) runtime.getVariable(incident.processInstanceId(), "severityReason")).contains("Unknown service");
    assertThat(runtime.getVariable(incident.processInstanceId(), "serviceKnown")).isEqualTo(false);
    assertThat((String) runtime.getVariable(incident.processInstanceId(), "serviceNote"))
        .contains("Unknown service", "'inventory'", "SEV2");
    assertThat(incidents.timeline(incident.key())).anyMatch(e -> e.summary().startsWith("Unknown service: 'inventory'"));
    var triage = triageTask(incident);
    assertThat(engine.getTaskService().getIdentityLinksForTask(triage.getId()))
        .anyMatch(link -> "responders".equals(link.getGroupId()));
  }

  @Test
  void resentAlertIsADuplicateAndAnotherAlertOfTheGroupUpdatesTheIncident() {
    String alertname = unique("LatencyHigh");
    ObjectNode first = AlertPayloads.alertmanager(alertname, "search", unique("fp"), "firing", start);
    assertThat(alertmanager(first).status()).isEqualTo(200);
    AlertPayloads.Answer again = alertmanager(first);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicates\":1", "\"accepted\":0");

    ObjectNode second = AlertPayloads.alertmanager(alertname, "search", unique("fp"), "firing", start.plusSeconds(30));
    AlertPayloads.Answer update = alertmanager(AlertPayloads.batch(first, second));
    assertThat(update.body()).contains("\"accepted\":1", "\"duplicates\":1");

    List<IncidentRecord> mine = incidentsWithAlert(alertname);
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).alertCount()).isEqualTo(2);
    assertThat(incidents.timeline(mine.get(0).key())).anyMatch(e -> e.summary().startsWith("Alert update: " + alertname));
  }

  @Test
  void nanosecondStartTimesAreStillDuplicates() {
    String alertname = unique("Nanos");
    ObjectNode payload = AlertPayloads.alertmanager(alertname, "search", unique("fp"), "firing", start);
    ((ObjectNode) payload.withArray("alerts").get(0)).put("startsAt", "2026-11-25T05:00:00.123456789Z");
    assertThat(alertmanager(payload).body()).contains("\"accepted\":1");
    AlertPayloads.Answer again = alertmanager(payload);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicates\":1");
  }

  @Test
  void whenEveryAlertResolvesTheIncidentShowsTheSignalRecovered() {
    String alertname = unique("CpuHigh");
    String fp1 = unique("fp");
    String fp2 = unique("fp");
    alertmanager(AlertPayloads.batch(AlertPayloads.alertmanager(alertname, "search", fp1, "firing", start),
        AlertPayloads.alertmanager(alertname, "search", fp2, "firing", start)));
    String key = incidentsWithAlert(alertname).get(0).key();

    alertmanager(AlertPayloads.alertmanager(alertname, "search", fp1, "resolved", start));
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().contains("(1 still firing)"))
        .noneMatch(e -> e.summary().startsWith("Alerts resolved"));
    alertmanager(AlertPayloads.alertmanager(alertname, "search", fp2, "resolved", start));

    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().startsWith("Alerts resolved: every alert of the group recovered"));
    String processInstanceId = incidents.require(key).processInstanceId();
    assertThat(engine.getRuntimeService().getVariable(processInstanceId, "signalRecovered")).isEqualTo(true);
  }

  @Test
  void alertFiringAgainAfterItsIncidentClosedOpensANewLinkedIncident() {
    String alertname = unique("DiskFull");
    alertmanager(AlertPayloads.alertmanager(alertname, "reporting", unique("fp"), "firing", start));
    IncidentRecord first = incidentsWithAlert(alertname).get(0);
    dismiss(first);
    assertThat(incidents.require(first.key()).status()).isEqualTo(IncidentStatus.DISMISSED);

    AlertPayloads.Answer again = alertmanager(AlertPayloads.alertmanager(alertname, "reporting", unique("fp"), "firing",
        start.plusSeconds(600)));
    assertThat(again.body()).contains("\"accepted\":1");
    List<IncidentRecord> both = incidentsWithAlert(alertname);
    assertThat(both).hasSize(2);
    IncidentRecord second = both.stream().filter(i -> !i.key().equals(first.key())).findFirst().orElseThrow();
    assertThat(incidents.links(second.key())).anyMatch(l -> l.kind().equals("previous-incident")
        && l.reference().equals(first.key()));
  }

  @Test
  void grafanaPayloadKeepsItsExtrasOnTheTimeline() {
    String alertname = unique("CheckoutLatency");
    AlertPayloads.Answer answer = grafana(AlertPayloads.grafana(alertname, "checkout", unique("fp"), "firing", start),
        Instant.now().getEpochSecond(), "grafana-secret");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    IncidentRecord incident = incidentsWithAlert(alertname).get(0);
    assertThat(incident.source()).isEqualTo("grafana");
    assertThat(incident.impactScope()).isEqualTo(ImpactScope.PART_OF_USERS);
    TimelineEntry firing = incidents.timeline(incident.key()).stream()
        .filter(e -> e.summary().startsWith("Alert firing")).findFirst().orElseThrow();
    assertThat(firing.details().path("values").path("B").asDouble()).isEqualTo(2.37);
    assertThat(firing.details().path("dashboardURL").asText()).isEqualTo("https://grafana.example/d/checkout");
    assertThat(firing.details().path("silenceURL").asText()).startsWith("https://grafana.example/alerting/silence");
    assertThat(firing.details().path("panelURL").asText()).contains("viewPanel=4");
  }

  @Test
  void grafanaSignatureIsChecked() {
    ObjectNode payload = AlertPayloads.grafana(unique("Sig"), "checkout", unique("fp"), "firing", start);
    long now = Instant.now().getEpochSecond();
    assertThat(grafana(payload, now, "wrong-secret").status()).as("wrong signature").isEqualTo(401);
    assertThat(grafana(payload, now - 301, "grafana-secret").status()).as("stale timestamp").isEqualTo(401);
    assertThat(AlertPayloads.post(port, GRAFANA, "test-token", payload.toString()).status())
        .as("missing signature").isEqualTo(401);
    assertThat(grafana(payload, now - 60, "grafana-secret").status()).as("fresh and valid").isEqualTo(200);
  }

  @Test
  void tokenIsRequired() {
    String body = AlertPayloads.alertmanager(unique("Tok"), "payments", unique("fp"), "firing", start).toString();
    assertThat(AlertPayloads.post(port, AM, null, body).status()).isEqualTo(401);
    assertThat(AlertPayloads.post(port, AM, "wrong-token", body).status()).isEqualTo(401);
    assertThat(AlertPayloads.post(port, AM, "test-token-but-longer", body).status()).isEqualTo(401);
    assertThat(AlertPayloads.post(port, GRAFANA, null, body).status()).isEqualTo(401);
  }

  @Test
  void malformedPayloadsAreRefusedNamingTheFieldAndNothingIsStored() {
    long events = count("SELECT COUNT(*) FROM alert_event");
    long incidentCount = count("SELECT COUNT(*) FROM incident");
    ObjectNode noStart = AlertPayloads.alertmanager(unique("Bad"), "payments", unique("fp"), "firing", start);
    ((ObjectNode) noStart.withArray("alerts").get(0)).remove("startsAt");
    ObjectNode good = AlertPayloads.alertmanager(unique("Good"), "payments", unique("fp"), "firing", start);
    AlertPayloads.Answer answer = alertmanager(AlertPayloads.batch(good, noStart));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("alerts[1].startsAt");

    ObjectNode wrongVersion = good.deepCopy().put("version", "3");
    assertThat(alertmanager(wrongVersion).body()).contains("version");
    assertThat(AlertPayloads.post(port, AM, "test-token", "{not json").status()).isEqualTo(400);
    assertThat(AlertPayloads.post(port, AM, "test-token", "{\"version\":\"4\",\"alerts\":[]}").status()).isEqualTo(400);
    assertThat(count("SELECT COUNT(*) FROM alert_event")).isEqualTo(events);
    assertThat(count("SELECT COUNT(*) FROM incident")).isEqualTo(incidentCount);
  }

  @Test
  void oversizedBodyIsRefused() {
    ObjectNode big = AlertPayloads.alertmanager(unique("Big"), "payments", unique("fp"), "firing", start);
    ((ObjectNode) big.withArray("alerts").get(0).get("annotations")).put("description", "x".repeat(30_000));
    assertThat(alertmanager(big).status()).isEqualTo(413);
  }

  @Test
  void metricsCountOutcomes() {
    String alertname = unique("Metric");
    ObjectNode payload = AlertPayloads.alertmanager(alertname, "payments", unique("fp"), "firing", start);
    alertmanager(payload);
    alertmanager(payload);
    AlertPayloads.post(port, AM, "wrong-token", payload.toString());
    String metrics = scrape();
    assertThat(metrics).contains("firebreak_alerts_received_total{outcome=\"started\",source=\"alertmanager\"}")
        .contains("firebreak_alerts_received_total{outcome=\"duplicate\",source=\"alertmanager\"}")
        .contains("firebreak_alerts_received_total{outcome=\"rejected\",source=\"alertmanager\"}")
        .contains("firebreak_alert_intake_seconds_bucket")
        .contains("firebreak_incidents_open{severity=\"SEV1\"}")
        .contains("http_server_requests_seconds_bucket");
  }

  private String scrape() {
    try {
      var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/actuator/prometheus"))
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:demo".getBytes())).build();
      return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void dismiss(IncidentRecord incident) {
    engine.getTaskService().complete(triageTask(incident).getId(), Map.of("triageOutcome", "dismiss", "dismissReason", "test"));
  }

  private org.camunda.bpm.engine.task.Task triageTask(IncidentRecord incident) {
    var task = engine.getTaskService().createTaskQuery().processInstanceId(incident.processInstanceId())
        .taskDefinitionKey("TriageIncident").singleResult();
    if (task == null) {
      // the async notifications run first when the job executor is off
      engine.getManagementService().createJobQuery().processInstanceId(incident.processInstanceId()).list()
          .forEach(job -> engine.getManagementService().executeJob(job.getId()));
      engine.getManagementService().createJobQuery().processInstanceId(incident.processInstanceId()).executable().list()
          .forEach(job -> engine.getManagementService().executeJob(job.getId()));
      task = engine.getTaskService().createTaskQuery().processInstanceId(incident.processInstanceId())
          .taskDefinitionKey("TriageIncident").singleResult();
    }
    return task;
  }

  private List<IncidentRecord> incidentsWithAlert(String alertname) {
    List<String> keys = jdbc.sql("SELECT DISTINCT incident_key FROM alert_event WHERE group_key LIKE ? AND incident_key IS NOT NULL")
        .param("alertname=" + alertname + ",%").query(String.class).list();
    return keys.stream().map(incidents::require).toList();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
