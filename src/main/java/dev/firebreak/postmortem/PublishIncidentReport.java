package dev.firebreak.postmortem;

import dev.firebreak.platform.time.EngineClock;

import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes the approved post-mortem as the handbook's eight-section incident report. */
@Component("publishIncidentReport")
class PublishIncidentReport implements JavaDelegate {

  private final IncidentReportWriter writer;
  private final Postmortems postmortems;
  private final Incidents incidents;
  private final EngineClock clock;
  private final ApplicationEventPublisher events;

  PublishIncidentReport(IncidentReportWriter writer, Postmortems postmortems, Incidents incidents, EngineClock clock,
      ApplicationEventPublisher events) {
    this.clock = clock;
    this.events = events;
    this.writer = writer;
    this.postmortems = postmortems;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    String markdown = writer.write(key, execution);
    Instant now = clock.now();
    postmortems.publishReport(key, markdown, now);
    events.publishEvent(new IncidentReportPublished(key, PostmortemProcess.POSTMORTEM_SUMMARY.get(execution),
        PostmortemProcess.ROOT_CAUSE.get(execution), IncidentProcess.RESOLUTION_SUMMARY.get(execution),
        PostmortemProcess.PREVENTION_MEASURES.get(execution), PostmortemProcess.LESSONS_LEARNED.get(execution),
        markdown, now));
    incidents.link(key, new IncidentLink("report", key, "/api/incidents/" + key + "/report"));
    incidents.note(key, null, TimelineEntry.Kind.POSTMORTEM, incidents.words().get("report.published"),
        Map.of("actionItems", postmortems.actionItems(key).size()));
  }
}
