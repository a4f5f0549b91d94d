package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Publishes the approved post-mortem as the handbook's eight-section incident report (revision 1). */
@Component("publishIncidentReport")
class PublishIncidentReport implements JavaDelegate {

  private final ReportSnapshots reports;
  private final PostmortemRecords records;

  PublishIncidentReport(ReportSnapshots reports, PostmortemRecords records) {
    this.reports = reports;
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    IncidentReport report = reports.publish(key, IncidentReportWriter.written(execution));
    records.published(key, report.publishedAt());
  }
}
