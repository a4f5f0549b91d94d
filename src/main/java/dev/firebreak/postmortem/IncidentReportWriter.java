package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.PostmortemProcess.*;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.config.FirebreakProperties;
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

  IncidentReportWriter(Incidents incidents, Postmortems postmortems, FirebreakProperties properties) {
    this.incidents = incidents;
    this.postmortems = postmortems;
    this.properties = properties;
  }

  String write(String key, VariableScope scope) {
    IncidentRecord incident = incidents.require(key);
    StringBuilder md = new StringBuilder();
    md.append("# ").append(key).append(" — ").append(incident.title()).append("\n\n");
    if (incident.drill()) {
      md.append("> DRILL — a training exercise, not a real incident.\n\n");
    }
    md.append("## 1. Overview\n\n");
    md.append("- **Started**: ").append(time(incident.detectedAt())).append('\n');
    md.append("- **Resolved**: ").append(time(incident.resolvedAt())).append('\n');
    md.append("- **Duration**: ").append(duration(incident.detectedAt(), incident.resolvedAt())).append('\n');
    md.append("- **Impact**: ").append(code(incident.impactScope())).append(" — ").append(text(CUSTOMER_IMPACT.get(scope))).append('\n');
    md.append("- **Type**: ").append(code(incident.incidentType())).append(", severity ").append(code(incident.severity())).append('\n');
    md.append("- **Summary**: ").append(text(POSTMORTEM_SUMMARY.get(scope))).append("\n\n");
    md.append("## 2. Detection\n\n");
    md.append("- **Detected by**: ").append(incident.source()).append('\n');
    md.append("- **First detected**: ").append(time(incident.detectedAt())).append('\n');
    md.append("- **Acknowledged**: ").append(time(incident.acknowledgedAt())).append("\n");
    notes(md, DETECTION_NOTES.get(scope));
    md.append("\n## 3. Communication\n\n");
    notes(md, COMMUNICATION_NOTES.get(scope));
    incidents.timeline(key).stream().filter(e -> TimelineEntry.Kind.NOTIFICATION.equals(e.kind()))
        .forEach(e -> md.append("- ").append(time(e.occurredAt())).append(" — ").append(e.summary()).append('\n'));
    md.append("\n## 4. Response actions\n\n");
    md.append(text(RESPONSE_TIMELINE.get(scope))).append("\n\n");
    incidents.timeline(key).stream()
        .filter(e -> !TimelineEntry.Kind.NOTIFICATION.equals(e.kind()))
        .forEach(e -> md.append("- ").append(time(e.occurredAt())).append(" — ").append(e.summary()).append('\n'));
    md.append("\n## 5. Root cause\n\n").append(text(ROOT_CAUSE.get(scope))).append("\n\n");
    md.append("## 6. Prevention\n\n").append(text(PREVENTION_MEASURES.get(scope))).append("\n\n");
    postmortems.actionItems(key).forEach(item -> md.append("- [ ] ").append(item.title())
        .append(" — ").append(item.owner()).append(", due ").append(item.dueDate())
        .append(" (").append(item.trackerKey()).append(")\n"));
    md.append("\n## 7. Follow-up\n\n").append(text(FOLLOW_UP.get(scope))).append("\n\n");
    md.append("## 8. Lessons learned\n\n").append(text(LESSONS_LEARNED.get(scope))).append('\n');
    return md.toString();
  }

  /** The author's own words for a section, when they wrote any. */
  private static void notes(StringBuilder md, String notes) {
    if (notes != null && !notes.isBlank()) {
      md.append('\n').append(notes.trim()).append("\n\n");
    }
  }

  private String time(Instant instant) {
    return instant == null ? "—" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
        .format(instant.atZone(properties.getZone()));
  }

  private static String duration(Instant from, Instant to) {
    if (from == null || to == null) {
      return "—";
    }
    Duration d = Duration.between(from, to);
    return d.toHours() + "h " + d.toMinutesPart() + "m";
  }

  /** A choice as its code; "null" when not set, as the report has always shown it. */
  private static String code(Coded value) {
    return value == null ? null : value.code();
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? "—" : value.trim();
  }
}
