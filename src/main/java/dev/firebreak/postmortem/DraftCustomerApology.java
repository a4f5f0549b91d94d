package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.CustomerFollowUpProcess.*;

import dev.firebreak.incident.IncidentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Draft customer apology: the type's template in Korean and English, the subscribers it reaches, the minutes of impact. */
@Component("draftCustomerApology")
class DraftCustomerApology implements JavaDelegate {

  private final CustomerApologies apologies;

  DraftCustomerApology(CustomerApologies apologies) {
    this.apologies = apologies;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    CustomerApologies.Draft draft = apologies.draft(key);
    APOLOGY_SUBJECT_KO.set(execution, draft.subjectKo());
    APOLOGY_TEXT_KO.set(execution, draft.textKo());
    APOLOGY_SUBJECT_EN.set(execution, draft.subjectEn());
    APOLOGY_TEXT_EN.set(execution, draft.textEn());
    APOLOGY_SUBSCRIBERS.set(execution, apologies.subscribers(key).size());
    IMPACT_MINUTES.set(execution, apologies.impactMinutes(key));
  }
}
