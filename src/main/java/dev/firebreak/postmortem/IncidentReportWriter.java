package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.PostmortemProcess.*;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.process.Coded;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Writes the incident report in the handbook's format: 1 overview, 2 detection, 3 communication,
 * 4 response actions (from the timeline), 5 root cause, 6 prevention, 7 follow-up, 8 lessons.
 */
@Component
class IncidentReportWriter {

  private final Incidents incidents;
  private final Postmortems postmortems;
  private final FirebreakProperties properties;
  private final Texts texts;

  IncidentReportWriter(Incidents incidents, Postmortems postmortems, FirebreakProperties properties, Texts texts) {
    this.texts = texts;
    this.incidents = incidents;
    this.postmortems = postmortems;
    this.properties = properties;
  }

  String write(String key, VariableScope scope) {
    IncidentRecord incident = incidents.require(key);
    StringBuilder md = new StringBuilder();
    md.append("# ").append(key).append(" — ").append(incident.title()).append("\n\n");
    if (incident.drill()) {
      md.append(t("report.drill")).append("\n\n");
    }
    heading(md, "report.overview");
    item(md, "report.started").append(time(incident.detectedAt())).append('\n');
    item(md, "report.resolved").append(time(incident.resolvedAt())).append('\n');
    item(md, "report.duration").append(duration(incident.detectedAt(), incident.resolvedAt())).append('\n');
    item(md, "report.impact").append(code(incident.impactScope())).append(" — ").append(text(CUSTOMER_IMPACT.get(scope))).append('\n');
    item(md, "report.type").append(code(incident.incidentType())).append(", ").append(t("report.severity")).append(' ').append(code(incident.severity())).append('\n');
    item(md, "report.summary").append(text(POSTMORTEM_SUMMARY.get(scope))).append("\n\n");
    heading(md, "report.detection");
    item(md, "report.detectedBy").append(incident.source()).append('\n');
    item(md, "report.firstDetected").append(time(incident.detectedAt())).append('\n');
    item(md, "report.acknowledged").append(time(incident.acknowledgedAt())).append("\n");
    notes(md, DETECTION_NOTES.get(scope));
    md.append('\n');
    heading(md, "report.communication");
    notes(md, COMMUNICATION_NOTES.get(scope));
    incidents.timeline(key).stream().filter(e -> TimelineEntry.Kind.NOTIFICATION.equals(e.kind()))
        .forEach(e -> md.append("- ").append(time(e.occurredAt())).append(" — ").append(e.summary()).append('\n'));
    md.append('\n');
    heading(md, "report.response");
    md.append(text(RESPONSE_TIMELINE.get(scope))).append("\n\n");
    incidents.timeline(key).stream()
        .filter(e -> !TimelineEntry.Kind.NOTIFICATION.equals(e.kind()))
        .forEach(e -> md.append("- ").append(time(e.occurredAt())).append(" — ").append(e.summary()).append('\n'));
    md.append('\n');
    heading(md, "report.rootCause").append(text(ROOT_CAUSE.get(scope))).append("\n\n");
    heading(md, "report.prevention").append(text(PREVENTION_MEASURES.get(scope))).append("\n\n");
    postmortems.actionItems(key).forEach(item -> md.append("- [ ] ").append(item.title())
        .append(" — ").append(item.owner()).append(", ").append(t("report.due")).append(' ').append(item.dueDate())
        .append(" (").append(item.trackerKey()).append(")\n"));
    md.append('\n');
    heading(md, "report.followUp").append(text(FOLLOW_UP.get(scope))).append("\n\n");
    heading(md, "report.lessons").append(text(LESSONS_LEARNED.get(scope))).append('\n');
    return md.toString();
  }

  /** The author's own words for a section, when they wrote any. */
  private static void notes(StringBuilder md, String notes) {
    if (notes != null && !notes.isBlank()) {
      md.append('\n').append(notes.trim()).append("\n\n");
    }
  }

  /** "## 1. Overview" and the blank line after it, in firebreak.notify.locale. */
  private StringBuilder heading(StringBuilder md, String code) {
    return md.append("## ").append(t(code)).append("\n\n");
  }

  /** "- **Started**: " */
  private StringBuilder item(StringBuilder md, String code) {
    return md.append("- **").append(t(code)).append("**: ");
  }

  private String t(String code, Object... args) {
    return texts.get(code, args);
  }

  private String time(Instant instant) {
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

  /** A choice as its code; "null" when not set, as the report has always shown it. */
  private static String code(Coded value) {
    return value == null ? null : value.code();
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? "—" : value.trim();
  }
}
