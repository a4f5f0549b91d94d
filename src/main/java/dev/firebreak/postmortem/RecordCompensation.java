package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.CustomerFollowUpProcess.*;

import dev.firebreak.incident.IncidentProcess;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Record compensation: the decision with its reason beside the suggestion; a published report gets it. */
@Component("recordCompensation")
class RecordCompensation implements JavaDelegate {

  private final Compensations compensations;
  private final ReportSnapshots reports;

  RecordCompensation(Compensations compensations, ReportSnapshots reports) {
    this.compensations = compensations;
    this.reports = reports;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    Compensation decided = COMPENSATION.require(execution);
    compensations.record(key, SUGGESTED_COMPENSATION.require(execution), SUGGESTED_CREDIT_PERCENT.get(execution),
        COMPENSATION_POLICY_REASON.get(execution), decided,
        decided == Compensation.SERVICE_CREDIT ? CREDIT_PERCENT.get(execution) : null,
        COMPENSATION_REASON.get(execution), COMPENSATION_DECIDED_BY.get(execution));
    reports.republish(key, IncidentReport.FOLLOW_UP_REASON, Map.of());
  }
}
