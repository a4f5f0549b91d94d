package dev.firebreak.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.ImportedIncident;
import dev.firebreak.incident.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three formats read from real-shaped samples (src/test/resources/imports), and the refusals. */
class ImportReadersTest {

  static final ImportReaders.Options OPTIONS = new ImportReaders.Options(ZoneOffset.UTC, "outage", "part-of-users",
      Instant.parse("2026-12-01T00:00:00Z"));

  static String sample(String name) {
    try (InputStream in = ImportReadersTest.class.getResourceAsStream("/imports/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void pagerDutyIncidentsCsvGivesTheRealTimes() {
    List<ImportLine> lines = ImportReaders.pagerDuty(Csv.parse(sample("pagerduty-incidents.csv")), OPTIONS);
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line.problems()).isEmpty());
    ImportLine first = lines.get(0);
    assertThat(first.line()).isEqualTo(2);
    assertThat(first.source()).isEqualTo("pagerduty");
    assertThat(first.sourceId()).isEqualTo("Q0RIJJZL24RC6W");
    ImportedIncident incident = first.incident();
    assertThat(incident.title()).isEqualTo("[payments] DB connection pool exhausted, checkout failing");
    assertThat(incident.service()).isEqualTo("payments");
    assertThat(incident.severity()).as("urgency high").isEqualTo(Severity.SEV2);
    assertThat(incident.incidentType()).as("the request's ?type=").isEqualTo(IncidentType.OUTAGE);
    assertThat(incident.detectedAt()).isEqualTo(Instant.parse("2025-03-04T05:20:11Z"));
    assertThat(incident.declaredAt()).isEqualTo(incident.detectedAt());
    assertThat(incident.acknowledgedAt()).as("created_on + seconds_to_first_ack").isEqualTo(Instant.parse("2025-03-04T05:24:16Z"));
    assertThat(incident.resolvedAt()).isEqualTo(Instant.parse("2025-03-04T07:35:02Z"));
    assertThat(incident.mitigatedAt()).as("PagerDuty knows no mitigation: as resolved").isEqualTo(incident.resolvedAt());
    assertThat(incident.status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(lines.get(1).incident().title()).isEqualTo("Search p99 latency above 2 s on \"/v2/search\"");
    assertThat(lines.get(1).incident().severity()).as("urgency low").isEqualTo(Severity.SEV3);
  }

  /**
   * The same exports written from the REST APIs' objects with nested fields flattened by a dot
   * (PagerDuty REST v2 incident: service.summary, priority.summary, created_at, resolved_at;
   * Opsgenie Alert API: id, tinyId, createdAt, report.ackTime, report.closeTime) read alike.
   */
  @Test
  void exportsWrittenFromTheRestApisObjectsAreReadToo() {
    String pagerDuty = """
        id,incident_number,title,status,urgency,created_at,resolved_at,service.summary,priority.summary
        PT4KHLK,1234,The server is on fire,resolved,high,2015-10-06T21:30:42Z,2015-10-06T21:38:23Z,My Mail Service,P1
        """;
    ImportLine pd = ImportReaders.pagerDuty(Csv.parse(pagerDuty), OPTIONS).get(0);
    assertThat(pd.problems()).isEmpty();
    assertThat(pd.incident().service()).isEqualTo("My Mail Service");
    assertThat(pd.incident().severity()).as("priority.summary P1 before urgency").isEqualTo(Severity.SEV1);
    assertThat(pd.incident().resolvedAt()).isEqualTo(Instant.parse("2015-10-06T21:38:23Z"));

    String opsgenie = """
        id,tinyId,message,status,priority,entity,tags,createdAt,report.ackTime,report.closeTime
        70413a06-38d6-4c85-92b8-5ebc900d42e2,1791,Host down,closed,P2,web-1,service:checkout,2017-03-07T07:15:12.000Z,15702,60503
        """;
    ImportLine og = ImportReaders.opsgenie(Csv.parse(opsgenie), OPTIONS).get(0);
    assertThat(og.problems()).isEmpty();
    assertThat(og.sourceId()).isEqualTo("70413a06-38d6-4c85-92b8-5ebc900d42e2");
    assertThat(og.incident().service()).isEqualTo("checkout");
    assertThat(og.incident().acknowledgedAt()).isEqualTo(Instant.parse("2017-03-07T07:15:27.702Z"));
    assertThat(og.incident().closedAt()).isEqualTo(Instant.parse("2017-03-07T07:16:12.503Z"));
  }

  @Test
  void opsgenieAlertsCsvGivesTheRealTimes() {
    List<ImportLine> lines = ImportReaders.opsgenie(Csv.parse(sample("opsgenie-alerts.csv")), OPTIONS);
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line.problems()).isEmpty());
    ImportLine first = lines.get(0);
    assertThat(first.sourceId()).isEqualTo("8418d193-2dab-4490-b331-8c02cdd196b7");
    ImportedIncident incident = first.incident();
    assertThat(incident.title()).isEqualTo("Payment DB CPU above 90%");
    assertThat(incident.description()).isEqualTo("CPU on payments-db-1 at 97% for 10 minutes.\nConnections waiting: 180.");
    assertThat(incident.service()).as("tag service:").isEqualTo("payments");
    assertThat(incident.incidentType()).as("tag type:").isEqualTo(IncidentType.DATABASE);
    assertThat(incident.severity()).isEqualTo(Severity.SEV1);
    assertThat(incident.detectedAt()).isEqualTo(Instant.parse("2025-04-02T09:12:44.512Z"));
    assertThat(incident.acknowledgedAt()).as("AckTime in ms").isEqualTo(Instant.parse("2025-04-02T09:15:44.512Z"));
    assertThat(incident.closedAt()).as("CloseTime in ms").isEqualTo(Instant.parse("2025-04-02T10:40:00.512Z"));
    assertThat(incident.resolvedAt()).isEqualTo(incident.closedAt());
    assertThat(incident.commander()).isEqualTo("kim@example.com");
    ImportLine second = lines.get(1);
    assertThat(second.line()).as("the first record spans two physical lines").isEqualTo(4);
    assertThat(second.incident().service()).as("Entity").isEqualTo("login-web");
    assertThat(second.incident().severity()).isEqualTo(Severity.SEV3);
    assertThat(second.incident().detectedAt()).as("no offset: UTC").isEqualTo(Instant.parse("2025-04-05T22:01:00Z"));
  }

  @Test
  void firebreakJsonKeepsEveryTimeCauseAndLessons() throws IOException {
    var items = new ObjectMapper().readTree(sample("firebreak-incidents.json")).path("incidents");
    ImportLine line = ImportReaders.firebreak(items, OPTIONS).get(0);
    assertThat(line.problems()).isEmpty();
    assertThat(line.source()).isEqualTo("grafana-oncall");
    assertThat(line.cause()).startsWith("DB 연결 풀 해제 버그");
    assertThat(line.lessons()).contains("80%");
    ImportedIncident incident = line.incident();
    assertThat(incident.impactScope()).isEqualTo(ImpactScope.ALL_USERS);
    assertThat(incident.impactStartedAt()).isEqualTo(Instant.parse("2024-11-20T05:00:00Z"));
    assertThat(incident.resolvedAt()).as("2 h 15 min after the impact began").isEqualTo(Instant.parse("2024-11-20T07:15:00Z"));
    assertThat(incident.closedAt()).isEqualTo(Instant.parse("2024-11-22T01:00:00Z"));
  }

  @Test
  void refusalsNameTheLineAndTheFieldAsTheSourceSpellsIt() {
    String csv = """
        id,incident_number,description,service_name,created_on,resolved_on,urgency,status
        PA,1,"ok",payments,2025-03-01T10:00:00Z,2025-03-01T11:00:00Z,high,resolved
        PB,2,"no end",payments,2025-03-01T10:00:00Z,,high,resolved
        PC,3,"backwards",payments,2025-03-01T10:00:00Z,2025-03-01T09:00:00Z,medium,resolved
        PD,4,"still open",,yesterday,2025-03-01T11:00:00Z,high,triggered
        """;
    List<ImportLine> lines = ImportReaders.pagerDuty(Csv.parse(csv), OPTIONS);
    assertThat(lines.get(0).problems()).isEmpty();
    assertThat(lines.get(1).line()).isEqualTo(3);
    assertThat(lines.get(1).problems()).extracting(p -> p.field()).containsExactly("resolved_on");
    assertThat(lines.get(2).problems()).extracting(p -> p.field()).containsExactlyInAnyOrder("urgency", "resolved_on");
    assertThat(lines.get(2).problems()).filteredOn(p -> p.field().equals("resolved_on"))
        .extracting(p -> p.message()).singleElement().asString().contains("must not be before created_on");
    assertThat(lines.get(3).problems()).extracting(p -> p.field())
        .containsExactlyInAnyOrder("service_name", "status", "created_on");
  }

  @Test
  void opsgenieOpenAlertsAndUnknownPrioritiesAreRefused() {
    String csv = """
        AlertId,Message,Status,Priority,Entity,CreatedAt,CloseTime
        a1,Disk full,open,P9,db-1,2025-04-01T00:00:00Z,60000
        """;
    ImportLine line = ImportReaders.opsgenie(Csv.parse(csv), OPTIONS).get(0);
    assertThat(line.line()).isEqualTo(2);
    assertThat(line.problems()).extracting(p -> p.field()).containsExactlyInAnyOrder("Status", "Priority");
  }

  @Test
  void futureTimesAndUnknownTypesAreRefused() throws IOException {
    var items = new ObjectMapper().readTree("""
        [{"sourceId":"x","title":"t","service":"s","type":"meteor","severity":"SEV5",
          "detectedAt":"2027-01-01T00:00:00Z","resolvedAt":"2027-01-01T01:00:00Z"}]""");
    ImportLine line = ImportReaders.firebreak(items, OPTIONS).get(0);
    assertThat(line.problems()).extracting(p -> p.field())
        .containsExactlyInAnyOrder("type", "severity", "detectedAt", "resolvedAt");
  }

  @Test
  void timesInTheShapesExportsWrite() {
    ZoneId seoul = ZoneId.of("Asia/Seoul");
    assertThat(Fields.parseTime("2025-03-04T14:20:11+09:00", seoul)).isEqualTo(Instant.parse("2025-03-04T05:20:11Z"));
    assertThat(Fields.parseTime("2025-03-04 14:20:11 +0900", seoul)).isEqualTo(Instant.parse("2025-03-04T05:20:11Z"));
    assertThat(Fields.parseTime("2025/03/04 14:20:11", seoul)).isEqualTo(Instant.parse("2025-03-04T05:20:11Z"));
    assertThat(Fields.parseTime("2025-03-04 05:20:11 UTC", seoul)).isEqualTo(Instant.parse("2025-03-04T05:20:11Z"));
    assertThat(Fields.parseTime("1741065611000", seoul)).isEqualTo(Instant.parse("2025-03-04T05:20:11Z"));
    assertThat(Fields.parseTime("yesterday", seoul)).isNull();
  }

  @Test
  void csvQuotingAndAnUnclosedQuote() {
    List<Csv.Row> rows = Csv.parse("\uFEFFa,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\nlast,\n");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).cells()).containsExactly("x, \"y\"", "two\nlines");
    assertThat(rows.get(2).line()).isEqualTo(5);
    assertThat(rows.get(2).cells()).containsExactly("last", "");
    assertThatThrownBy(() -> Csv.parse("a,b\n\"open,1\n")).isInstanceOf(Csv.Malformed.class);
  }

  @Test
  void theHeaderTellsTheFormat() {
    assertThat(Imports.sniffCsv(sample("pagerduty-incidents.csv"))).contains(ImportFormat.PAGERDUTY);
    assertThat(Imports.sniffCsv(sample("opsgenie-alerts.csv"))).contains(ImportFormat.OPSGENIE);
    assertThat(Imports.sniffCsv("a,b\n1,2")).isEmpty();
  }
}
