package dev.firebreak.postmortem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.time.EngineClock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The published incident reports (table report_snapshot): publishing one (revision 1 at the
 * post-mortem's approval), re-publishing it when an action item changes state or a correction is
 * approved (the authors' texts of the last revision, all else read again), and reading them back
 * ({@link PublishedReports}). Each publication is announced as {@link ReportPublished}.
 */
@Service
class ReportSnapshots implements PublishedReports, ImportedReports {

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final IncidentReportWriter writer;
  private final ReportRendering rendering;
  private final Postmortems postmortems;
  private final Incidents incidents;
  private final EngineClock clock;
  private final ApplicationEventPublisher events;

  ReportSnapshots(JdbcClient jdbc, ObjectMapper json, IncidentReportWriter writer, ReportRendering rendering,
      Postmortems postmortems, Incidents incidents, EngineClock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.json = json;
    this.writer = writer;
    this.rendering = rendering;
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.clock = clock;
    this.events = events;
  }

  /** The approved post-mortem: revision 1 (or, when a retry finds one, the next). */
  @Transactional
  public IncidentReport publish(String key, Map<String, String> written) {
    IncidentReport report = store(writer.write(key, written, nextRevision(key), IncidentReport.APPROVED, clock.now()));
    incidents.link(key, new IncidentLink("report", key, "/api/incidents/" + key + "/report"));
    incidents.note(key, null, TimelineEntry.Kind.POSTMORTEM, incidents.words().get("report.published"),
        Map.of("actionItems", postmortems.actionItems(key).size(), "revision", report.revision()));
    return report;
  }

  /**
   * A new revision with the last one's written texts ({@code replaced}: section id → the approved
   * correction's text, else empty); empty when the incident has no published report yet.
   */
  @Transactional
  public Optional<IncidentReport> republish(String key, String reason, Map<String, String> replaced) {
    return latest(key).map(last -> {
      Map<String, String> written = new java.util.LinkedHashMap<>(last.written());
      written.putAll(replaced);
      IncidentReport report = store(writer.write(key, written, last.revision() + 1, reason, clock.now()));
      incidents.note(key, null, TimelineEntry.Kind.POSTMORTEM,
          incidents.words().get("report.republished", report.revision(), incidents.words().get("report.reason." + reason)),
          Map.of("revision", report.revision(), "reason", reason));
      // the knowledge base entry follows (what resolved the incident stays as it was: resolution null)
      announce(report, written.get(RESOLUTION));
      return report;
    });
  }

  /** The written key of an imported report that says what restored the service (not a section). */
  static final String RESOLUTION = "resolution";

  @Override
  @Transactional
  public IncidentReport publishImported(String key, Map<String, String> written) {
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    written.forEach((k, v) -> texts.put(k, v == null || v.isBlank() ? null : v.strip()));
    int revision = nextRevision(key);
    IncidentReport report = store(writer.write(key, texts, revision, IncidentReport.IMPORTED, clock.now()));
    if (revision == 1) {
      incidents.link(key, new IncidentLink("report", key, "/api/incidents/" + key + "/report"));
    }
    incidents.note(key, null, TimelineEntry.Kind.POSTMORTEM,
        incidents.words().get("report.imported", report.revision()), Map.of("revision", report.revision(),
            "reason", IncidentReport.IMPORTED));
    announce(report, texts.get(RESOLUTION));
    return report;
  }

  /** Tells the knowledge base (in this transaction) what the report now says. */
  private void announce(IncidentReport report, String resolution) {
    Map<String, String> w = report.written();
    events.publishEvent(new IncidentReportPublished(report.incidentKey(), w.get(IncidentReport.OVERVIEW),
        w.get(IncidentReport.CAUSE), resolution, w.get(IncidentReport.PREVENTION), w.get(IncidentReport.LESSONS),
        rendering.markdown(report), report.publishedAt()));
  }

  private IncidentReport store(IncidentReport report) {
    jdbc.sql("INSERT INTO report_snapshot (incident_key, revision, published_at, reason, content) VALUES (?, ?, ?, ?, ?)")
        .params(report.incidentKey(), report.revision(), report.publishedAt().atOffset(ZoneOffset.UTC), report.reason(),
            write(report))
        .update();
    postmortems.publishReport(report.incidentKey(), rendering.markdown(report), report.publishedAt());
    events.publishEvent(new ReportPublished(report.incidentKey(), report.revision(), report.reason(), report));
    return report;
  }

  private int nextRevision(String key) {
    return jdbc.sql("SELECT COALESCE(MAX(revision), 0) FROM report_snapshot WHERE incident_key = ?").param(key)
        .query(Integer.class).single() + 1;
  }

  @Override
  public Optional<IncidentReport> latest(String incidentKey) {
    return jdbc.sql("SELECT content FROM report_snapshot WHERE incident_key = ? ORDER BY revision DESC")
        .param(incidentKey).query(String.class).list().stream().findFirst().map(this::read);
  }

  /** Every revision of the incident's report, first to last. */
  public List<IncidentReport> revisions(String incidentKey) {
    return jdbc.sql("SELECT content FROM report_snapshot WHERE incident_key = ? ORDER BY revision")
        .param(incidentKey).query(String.class).list().stream().map(this::read).toList();
  }

  @Override
  public List<IncidentReport> allLatest() {
    return jdbc.sql("""
        SELECT s.content FROM report_snapshot s
        WHERE s.revision = (SELECT MAX(r.revision) FROM report_snapshot r WHERE r.incident_key = s.incident_key)
        ORDER BY s.published_at, s.incident_key""").query(String.class).list().stream().map(this::read).toList();
  }

  private String write(IncidentReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The report of " + report.incidentKey() + " cannot be written as JSON", e);
    }
  }

  private IncidentReport read(String content) {
    try {
      return json.readValue(content, IncidentReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored report cannot be read: " + e.getOriginalMessage(), e);
    }
  }
}
