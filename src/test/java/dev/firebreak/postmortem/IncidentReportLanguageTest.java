package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.PublicStatus;
import dev.firebreak.incident.Severity;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.tracking.Tracking;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The report's sections, their order, language and safety (issue 14.1), written from a resolved
 * incident with notes, chat messages, a public update and two action items (one done).
 */
class IncidentReportLanguageTest {

  static final Instant STARTED = Instant.parse("2026-03-02T05:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  static FirebreakProperties properties() {
    FirebreakProperties properties = new FirebreakProperties();
    properties.setZone(java.time.ZoneId.of("Asia/Seoul"));
    return properties;
  }

  Texts texts(String locale) {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return new Texts(messages, locale);
  }

  static TimelineEntry entry(long id, Instant at, String kind, String actor, String summary, Map<String, Object> details) {
    return new TimelineEntry(id, at, at, kind, actor, summary, JSON.valueToTree(details));
  }

  @SuppressWarnings("unchecked")
  IncidentReport report(String locale) {
    Incidents incidents = mock(Incidents.class);
    when(incidents.require("INC-2026-0042")).thenReturn(new IncidentRecord("INC-2026-0042", "결제 DB 연결 실패",
        "payments", IncidentType.DATABASE, ImpactScope.ALL_USERS, Severity.SEV1, IncidentStatus.RESOLVED, 2, "manager",
        "", false, "alertmanager", "responder", "pi", STARTED.plusSeconds(120), STARTED, STARTED.plusSeconds(300), null,
        STARTED.plusSeconds(8100), null, 3, STARTED, false));
    when(incidents.timeline("INC-2026-0042")).thenReturn(List.of(
        entry(1, STARTED.plusSeconds(120), TimelineEntry.Kind.ALERT, null, "PaymentDbConnectionsFailing firing",
            Map.of("fingerprint", "f1", "generatorURL", "https://prometheus.example/graph?g0.expr=db")),
        entry(2, STARTED.plusSeconds(130), TimelineEntry.Kind.STAGE, null, "Stage: investigating", Map.of("status", "investigating")),
        entry(3, STARTED.plusSeconds(150), TimelineEntry.Kind.NOTIFICATION, null, "chat",
            Map.of("channel", "#inc-2026-0042", "text", "SEV1 payments down — <http://localhost:8080/incidents/INC-2026-0042|open the incident> http://localhost:8080/camunda/app/tasklist")),
        entry(4, STARTED.plusSeconds(160), TimelineEntry.Kind.NOTIFICATION, null, "mail",
            Map.of("to", List.of("oncall@example.com"), "subject", "[SEV1] INC-2026-0042 payments", "body", "secret body http://localhost:8080/x")),
        // a note posted later that states 14:35 (05:35 UTC): placed at the time it states
        entry(6, STARTED.plusSeconds(35 * 60), TimelineEntry.Kind.NOTE, "responder", "14:35 checked DB server <script>alert(1)</script>",
            Map.of("text", "14:35 checked DB server")),
        entry(5, STARTED.plusSeconds(40 * 60), TimelineEntry.Kind.NOTE, "responder", "14:40 reset the connection pool", Map.of()),
        entry(7, STARTED.plusSeconds(8100), TimelineEntry.Kind.STAGE, null, "Stage: resolved", Map.of("status", "resolved"))));
    Postmortems postmortems = mock(Postmortems.class);
    when(postmortems.actionItems("INC-2026-0042")).thenReturn(List.of(
        new Postmortems.ActionItem("INC-2026-0042", 0, "Alert on DB memory", "responder", "2026-03-15", "PAY-1", "done"),
        new Postmortems.ActionItem("INC-2026-0042", 1, "Fix pool release", "payments-dev", "2026-03-20", "PAY-2", "open")));
    PublicStatus status = mock(PublicStatus.class);
    when(status.published("INC-2026-0042")).thenReturn(List.of(new PublicStatus.PublishedUpdate(
        STARTED.plusSeconds(600), "investigating", "결제 장애", "결제가 되지 않습니다. 확인 중입니다.")));
    Tracking tracking = mock(Tracking.class);
    when(tracking.issueUrl("PAY-1")).thenReturn("https://jira.example/browse/PAY-1");
    ObjectProvider<PublicStatus> statusProvider = mock(ObjectProvider.class);
    when(statusProvider.getIfAvailable()).thenReturn(status);
    ObjectProvider<Tracking> trackingProvider = mock(ObjectProvider.class);
    when(trackingProvider.getIfAvailable()).thenReturn(tracking);
    Map<String, String> written = new LinkedHashMap<>();
    written.put(IncidentReport.OVERVIEW, "Payments were down for **all** users.");
    written.put("impact", "No payments for 2h15m");
    written.put(IncidentReport.CAUSE, "Memory leak <script>alert('x')</script> [click](javascript:alert(1))");
    written.put(IncidentReport.LESSONS, "Fail over sooner");
    return new IncidentReportWriter(incidents, postmortems, properties(), texts(locale), statusProvider,
        trackingProvider, mock(CorrectionRecords.class)).write("INC-2026-0042", written, 1, IncidentReport.APPROVED, STARTED.plusSeconds(90000));
  }

  String markdown(String locale) {
    return new ReportRendering(properties(), texts(locale)).markdown(report(locale));
  }

  @Test
  void koreanHeadingsInTheHandbooksOrder() {
    String report = markdown("ko");
    assertThat(report).containsSubsequence("## 1. 장애 개요", "- **시작**: ", "- **지속 시간**: 2시간 15분", "## 2. 장애 탐지",
        "## 3. 장애 전파", "## 4. 대응 조치", "## 5. 원인 분석", "## 6. 재발 방지 대책", "## 7. 후속 조치", "## 8. 교훈 및 개선점");
    assertThat(report).doesNotContain("Overview", "Detection", "Root cause", "Lessons learned", "Started");
  }

  @Test
  void englishByDefault() {
    assertThat(markdown("en")).containsSubsequence("## 1. Overview", "- **Duration**: 2h 15m", "## 2. Detection",
        "## 8. Lessons learned").doesNotContain("개요");
  }

  @Test
  void eightSectionsInOrderWithWhatWasSaidDoneAndTicked() {
    IncidentReport report = report("en");
    assertThat(report.sections()).extracting(IncidentReport.Section::id).containsExactlyElementsOf(IncidentReport.SECTIONS);
    String md = markdown("en");
    // 2 detection: how, when, and the alert with its link
    assertThat(md).contains("- **Detected by**: Prometheus alert (Alertmanager)",
        "- **Alert**: PaymentDbConnectionsFailing firing ([source](https://prometheus.example/graph?g0.expr=db))");
    // 3 propagation: internal messages without their inward links, an e-mail by its subject only, the public text as published
    assertThat(md).containsSubsequence("## 3. Communication", "### Said internally",
        "#inc-2026-0042 — SEV1 payments down — open the incident", "E-mail — [SEV1] INC-2026-0042 payments",
        "### Said publicly (as published)", "Status page — 결제 장애 — Investigating: 결제가 되지 않습니다. 확인 중입니다.");
    String propagation = md.substring(md.indexOf("## 3."), md.indexOf("## 4."));
    assertThat(propagation).doesNotContain("localhost", "http://", "secret body");
    // 4 response: the notes at the times they state (14:35 before 14:40 though posted after), then the stage changes
    assertThat(md).containsSubsequence("## 4. Response actions", "### Responders' notes",
        "2026-03-02 14:35 KST — 14:35 checked DB server", "2026-03-02 14:40 KST — 14:40 reset the connection pool",
        "### Stage changes", "Stage: investigating", "Stage: resolved", "## 5.");
    // 6 prevention: owner, due, tracker link, state — the done one ticked
    assertThat(md).contains("- [x] Alert on DB memory — responder, due 2026-03-15 ([PAY-1](https://jira.example/browse/PAY-1))",
        "- [ ] Fix pool release — payments-dev, due 2026-03-20 (PAY-2)");
  }

  @Test
  void noHtmlPassesThroughEitherRendering() {
    ReportRendering rendering = new ReportRendering(properties(), texts("en"));
    IncidentReport report = report("en");
    String cause = report.section(IncidentReport.CAUSE).orElseThrow().text();
    String html = rendering.html(cause);
    assertThat(html).doesNotContain("<script>", "javascript:").contains("&lt;script&gt;alert('x')&lt;/script&gt;");
    assertThat(rendering.html("**bold** and a [link](https://example.com)"))
        .contains("<strong>bold</strong>", "href=\"https://example.com\">link</a>");
    // Markdown: every < escaped, so a Markdown viewer shows the tag as text too
    String md = rendering.markdown(report);
    assertThat(md.replace("\\<", "")).as("every < escaped").doesNotContain("<");
    assertThat(md).contains("\\<script>alert('x')\\</script>").doesNotContain("javascript:");
    assertThat(new org.commonmark.renderer.html.HtmlRenderer.Builder().build()
        .render(org.commonmark.parser.Parser.builder().build().parse(md))).doesNotContain("<script>");
  }

  @Test
  void formatByParameterThenAccept() {
    assertThat(ReportController.format(null, null)).isEqualTo("markdown");
    assertThat(ReportController.format(null, "*/*")).isEqualTo("markdown");
    assertThat(ReportController.format(null, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isEqualTo("html");
    assertThat(ReportController.format(null, "application/json")).isEqualTo("json");
    assertThat(ReportController.format(null, "text/markdown")).isEqualTo("markdown");
    assertThat(ReportController.format(null, "text/html;q=0.5, application/json")).isEqualTo("json");
    assertThat(ReportController.format("json", "text/html")).isEqualTo("json");
    assertThat(ReportController.format("md", "application/json")).isEqualTo("markdown");
    assertThat(ReportController.format("pdf", null)).isNull();
  }

  @Test
  void linksInwardAreLeftOutOfInternalMessages() {
    assertThat(IncidentReportWriter.withoutLinks("See <http://localhost:8080/incidents/X|the incident> and http://10.0.0.1/x."))
        .isEqualTo("See the incident and.");
  }

  @Test
  void snapshotRoundTripsAsJson() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    IncidentReport report = report("en");
    IncidentReport back = json.readValue(json.writeValueAsString(report), IncidentReport.class);
    assertThat(back).isEqualTo(report);
    assertThat(back.plainText(IncidentReport.CAUSE)).contains("Memory leak");
    assertThat(Optional.of(back.section(IncidentReport.PREVENTION).orElseThrow().actionItems().get(0).done())).contains(true);
  }
}
