package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.PostmortemProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.PublicStatus;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.process.Coded;
import dev.firebreak.postmortem.IncidentReport.ActionItemState;
import dev.firebreak.postmortem.IncidentReport.Entry;
import dev.firebreak.postmortem.IncidentReport.Fact;
import dev.firebreak.postmortem.IncidentReport.Section;
import dev.firebreak.tracking.Tracking;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds the incident report in the handbook's format (docs/report.md): 1 overview, 2 detection,
 * 3 propagation (what was said inside and to the public, when, where; no links inward), 4 response
 * actions (the responders' notes at the times they state, then the stage changes), 5 cause,
 * 6 prevention (the action items as they stand), 7 follow-up, 8 lessons. The authors' texts are
 * kept as written; everything else is read again at each (re-)publication.
 */
@Component
class IncidentReportWriter {

  /** A link in an internal message (a Slack link {@code <url|label>} keeps its label). */
  private static final Pattern SLACK_LINK = Pattern.compile("<(https?://[^|>\\s]+)\\|([^>]*)>");
  private static final Pattern URL = Pattern.compile("<?https?://[^\\s>)\\]]*[^\\s>)\\].,;:]>?");

  private final Incidents incidents;
  private final Postmortems postmortems;
  private final FirebreakProperties properties;
  private final Texts texts;
  private final ObjectProvider<PublicStatus> publicStatus;
  private final ObjectProvider<Tracking> tracking;
  private final CorrectionRecords corrections;

  IncidentReportWriter(Incidents incidents, Postmortems postmortems, FirebreakProperties properties, Texts texts,
      ObjectProvider<PublicStatus> publicStatus, ObjectProvider<Tracking> tracking, CorrectionRecords corrections) {
    this.corrections = corrections;
    this.texts = texts;
    this.incidents = incidents;
    this.postmortems = postmortems;
    this.properties = properties;
    this.publicStatus = publicStatus;
    this.tracking = tracking;
  }

  /** The authors' texts of Write post-mortem, by section id ({@code impact} beside {@code overview}). */
  static Map<String, String> written(VariableScope scope) {
    Map<String, String> written = new LinkedHashMap<>();
    written.put(IncidentReport.OVERVIEW, POSTMORTEM_SUMMARY.get(scope));
    written.put("impact", CUSTOMER_IMPACT.get(scope));
    written.put(IncidentReport.DETECTION, DETECTION_NOTES.get(scope));
    written.put(IncidentReport.PROPAGATION, COMMUNICATION_NOTES.get(scope));
    written.put(IncidentReport.RESPONSE, RESPONSE_TIMELINE.get(scope));
    written.put(IncidentReport.CAUSE, ROOT_CAUSE.get(scope));
    written.put(IncidentReport.PREVENTION, PREVENTION_MEASURES.get(scope));
    written.put(IncidentReport.FOLLOW_UP, FOLLOW_UP.get(scope));
    written.put(IncidentReport.LESSONS, LESSONS_LEARNED.get(scope));
    written.replaceAll((k, v) -> v == null || v.isBlank() ? null : v.trim());
    return written;
  }

  IncidentReport write(String key, Map<String, String> written, int revision, String reason, Instant at) {
    IncidentRecord incident = incidents.require(key);
    List<TimelineEntry> timeline = incidents.timeline(key);
    List<Section> sections = new ArrayList<>();

    List<Fact> overview = new ArrayList<>();
    overview.add(fact("report.started", time(incident.impactStartedAt() != null ? incident.impactStartedAt() : incident.detectedAt())));
    overview.add(fact("report.resolved", time(incident.resolvedAt())));
    overview.add(fact("report.duration", duration(incident.impactStartedAt() != null ? incident.impactStartedAt()
        : incident.detectedAt(), incident.resolvedAt())));
    overview.add(fact("report.impact", join(label("impact.", incident.impactScope()), written.get("impact"))));
    overview.add(fact("report.type", label("type.", incident.incidentType())));
    overview.add(fact("report.severityLabel", code(incident.severity())));
    overview.add(fact("report.service", incident.service()));
    sections.add(section(IncidentReport.OVERVIEW, 1, "report.overview", overview, written.get(IncidentReport.OVERVIEW),
        List.of(), List.of()));

    List<Fact> detection = new ArrayList<>();
    detection.add(fact("report.detectedBy", orCode("report.source.", incident.source())));
    detection.add(fact("report.firstDetected", time(incident.detectedAt())));
    detection.add(fact("report.acknowledged", time(incident.acknowledgedAt())));
    timeline.stream().filter(e -> TimelineEntry.Kind.ALERT.equals(e.kind()) && e.details() != null
            && e.details().has("fingerprint")).findFirst()
        .ifPresent(alert -> detection.add(new Fact(t("report.alert"), oneLine(alert.summary()), alertLink(alert.details()))));
    sections.add(section(IncidentReport.DETECTION, 2, "report.detection", detection,
        written.get(IncidentReport.DETECTION), List.of(), List.of()));

    List<Entry> said = new ArrayList<>();
    for (TimelineEntry e : timeline) {
      Entry internal = internal(e);
      if (internal != null) {
        said.add(internal);
      }
    }
    PublicStatus status = publicStatus.getIfAvailable();
    if (status != null) {
      status.published(key).forEach(update -> said.add(new Entry(update.publishedAt(), "public", t("report.statusPage"),
          null, (update.title() == null ? "" : update.title() + " — ") + t("phase." + update.phase()) + ": "
              + update.message())));
    }
    said.sort(Comparator.comparing(Entry::at));
    sections.add(section(IncidentReport.PROPAGATION, 3, "report.communication", List.of(),
        written.get(IncidentReport.PROPAGATION), said, List.of()));

    List<Entry> done = new ArrayList<>();
    timeline.stream().filter(e -> TimelineEntry.Kind.NOTE.equals(e.kind()))
        .sorted(Comparator.comparing(TimelineEntry::occurredAt))
        .forEach(e -> done.add(new Entry(e.occurredAt(), "note", null, e.actor(), oneLine(e.summary()))));
    timeline.stream().filter(e -> TimelineEntry.Kind.STAGE.equals(e.kind()))
        .sorted(Comparator.comparing(TimelineEntry::occurredAt))
        .forEach(e -> done.add(new Entry(e.occurredAt(), "stage", null, e.actor(), oneLine(e.summary()))));
    sections.add(section(IncidentReport.RESPONSE, 4, "report.response", List.of(), written.get(IncidentReport.RESPONSE),
        done, List.of()));

    sections.add(section(IncidentReport.CAUSE, 5, "report.rootCause", List.of(), written.get(IncidentReport.CAUSE),
        List.of(), List.of()));
    Tracking tracker = tracking.getIfAvailable();
    List<ActionItemState> items = postmortems.actionItems(key).stream().map(item -> new ActionItemState(item.index(),
        item.title(), item.owner(), item.dueDate(), item.trackerKey(),
        tracker == null ? null : tracker.issueUrl(item.trackerKey()), Postmortems.DONE.equals(item.status()))).toList();
    sections.add(section(IncidentReport.PREVENTION, 6, "report.prevention", List.of(),
        written.get(IncidentReport.PREVENTION), List.of(), items));
    sections.add(section(IncidentReport.FOLLOW_UP, 7, "report.followUp", List.of(), written.get(IncidentReport.FOLLOW_UP),
        List.of(), List.of()));
    sections.add(section(IncidentReport.LESSONS, 8, "report.lessons", List.of(), written.get(IncidentReport.LESSONS),
        List.of(), List.of()));

    List<IncidentReport.Correction> approved = new ArrayList<>();
    for (CorrectionRecords.Row row : corrections.approved(key)) {
      approved.add(new IncidentReport.Correction(row.id(), row.section(), heading(sections, row.section()),
          row.reason(), row.proposedBy(), row.proposedAt(), row.decidedBy(), row.decidedAt(), row.decisionReason(),
          row.revision() == null ? revision : row.revision()));
    }
    return new IncidentReport(key, revision, at, reason, texts.locale().getLanguage(), incident.title(),
        incident.service(), code(incident.incidentType()), code(incident.severity()), code(incident.impactScope()),
        incident.drill(), incident.impactStartedAt() != null ? incident.impactStartedAt() : incident.detectedAt(),
        incident.resolvedAt(), List.copyOf(sections), new LinkedHashMap<>(written), incident.imported(),
        incident.imported() ? incident.source() : null, approved);
  }

  /** A written text's heading: its section's ("5. Root cause"); the impact is the overview's, with its label. */
  private String heading(List<Section> sections, String id) {
    String section = "impact".equals(id) ? IncidentReport.OVERVIEW : id;
    String heading = sections.stream().filter(s -> s.id().equals(section)).map(Section::heading).findFirst().orElse(id);
    return "impact".equals(id) ? heading + " — " + t("report.impact") : heading;
  }

  /**
   * What was said inside, from a notification on the timeline: the chat channel and its text, or an
   * e-mail's subject (never its body); links are left out (they point inward). Null for what is no
   * message to people (a queue count, a meeting invitation, a failure).
   */
  private Entry internal(TimelineEntry e) {
    if (!TimelineEntry.Kind.NOTIFICATION.equals(e.kind()) || e.details() == null) {
      return null;
    }
    JsonNode details = e.details();
    if (details.has("subscribers") || details.has("calendar")) {
      return null;
    }
    if (details.hasNonNull("channel") && details.hasNonNull("text")) {
      return new Entry(e.occurredAt(), "internal", details.get("channel").asText(), null,
          withoutLinks(details.get("text").asText()));
    }
    if (details.hasNonNull("subject")) {
      return new Entry(e.occurredAt(), "internal", t("report.email"), null, withoutLinks(details.get("subject").asText()));
    }
    return new Entry(e.occurredAt(), "internal", details.hasNonNull("channel") ? details.get("channel").asText() : null,
        null, withoutLinks(e.summary()));
  }

  /** A text without its links (a Slack link keeps its label), on one line. */
  static String withoutLinks(String text) {
    if (text == null) {
      return "";
    }
    String labelled = SLACK_LINK.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(match.group(2)));
    return oneLine(URL.matcher(labelled).replaceAll("")).replaceAll("\\s+([,.;:)])", "$1").replaceAll("\\(\\s*\\)", "")
        .replaceAll("\\s{2,}", " ").trim();
  }

  private static String alertLink(JsonNode details) {
    for (String field : List.of("generatorURL", "dashboardURL", "panelURL")) {
      if (details.hasNonNull(field) && details.get(field).asText().matches("https?://.+")) {
        return details.get(field).asText();
      }
    }
    return null;
  }

  private Section section(String id, int number, String heading, List<Fact> facts, String text, List<Entry> entries,
      List<ActionItemState> items) {
    return new Section(id, number, t(heading), List.copyOf(facts), text, List.copyOf(entries), List.copyOf(items));
  }

  private Fact fact(String code, String value) {
    return new Fact(t(code), value == null || value.isBlank() ? "—" : value, null);
  }

  private String label(String prefix, Coded value) {
    if (value == null) {
      return null;
    }
    return orCode(prefix, value.code());
  }

  /** The bundle's word for a code, else the code itself. */
  private String orCode(String prefix, String code) {
    if (code == null) {
      return null;
    }
    String shown = texts.get(prefix + code);
    return shown == null || shown.equals(prefix + code) ? code : shown;
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + " — " + b;
  }

  private String t(String code, Object... args) {
    return texts.get(code, args);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  String time(Instant instant) {
    return instant == null ? "—" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
        .format(instant.atZone(properties.getZone()));
  }

  private String duration(Instant from, Instant to) {
    if (from == null || to == null) {
      return "—";
    }
    Duration d = Duration.between(from, to);
    return t("report.duration.value", String.valueOf(d.toHours()), String.valueOf(d.toMinutesPart()));
  }

  private static String code(Coded value) {
    return value == null ? null : value.code();
  }
}
