package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes the approved post-mortem as the handbook's eight-section incident report (revision 1)
 * and tells the knowledge base ({@link IncidentReportPublished}, in this transaction).
 */
@Component("publishIncidentReport")
class PublishIncidentReport implements JavaDelegate {

  private final ReportSnapshots reports;
  private final PostmortemRecords records;
  private final ReportRendering rendering;
  private final ApplicationEventPublisher events;

  PublishIncidentReport(ReportSnapshots reports, PostmortemRecords records, ReportRendering rendering,
      ApplicationEventPublisher events) {
    this.reports = reports;
    this.records = records;
    this.rendering = rendering;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    IncidentReport report = reports.publish(key, IncidentReportWriter.written(execution));
    records.published(key, report.publishedAt());
    events.publishEvent(new IncidentReportPublished(key, PostmortemProcess.POSTMORTEM_SUMMARY.get(execution),
        PostmortemProcess.ROOT_CAUSE.get(execution), IncidentProcess.RESOLUTION_SUMMARY.get(execution),
        PostmortemProcess.PREVENTION_MEASURES.get(execution), PostmortemProcess.LESSONS_LEARNED.get(execution),
        rendering.markdown(report), report.publishedAt()));
  }
}
