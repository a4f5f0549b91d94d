package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.ReportCorrectionProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The correction was approved: the report is re-published with it (a new revision). */
@Component("publishCorrectedReport")
class PublishCorrectedReport implements JavaDelegate {

  private final ReportCorrections corrections;

  PublishCorrectedReport(ReportCorrections corrections) {
    this.corrections = corrections;
  }

  @Override
  public void execute(DelegateExecution execution) {
    corrections.approve(Long.parseLong(CORRECTION_ID.require(execution)), DECIDED_BY.get(execution),
        DECISION_REASON.get(execution));
  }
}
