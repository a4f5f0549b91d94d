package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.CustomerFollowUpProcess.*;

import dev.firebreak.incident.IncidentProcess;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Queue customer apology: the wording as communications sent it, to the subscribers and the listed
 * customers, on the apology outbox (once per address); a published report gets the follow-up.
 */
@Component("queueCustomerApology")
class QueueCustomerApology implements JavaDelegate {

  private final CustomerApologies apologies;
  private final ReportSnapshots reports;

  QueueCustomerApology(CustomerApologies apologies, ReportSnapshots reports) {
    this.apologies = apologies;
    this.reports = reports;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    apologies.queue(key, new CustomerApologies.Draft(APOLOGY_SUBJECT_KO.require(execution),
            APOLOGY_TEXT_KO.require(execution), APOLOGY_SUBJECT_EN.require(execution), APOLOGY_TEXT_EN.require(execution)),
        AFFECTED_CUSTOMERS.get(execution), APOLOGY_SENT_BY.get(execution));
    reports.republish(key, IncidentReport.FOLLOW_UP_REASON, Map.of());
  }
}
