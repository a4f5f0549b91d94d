package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.ReportCorrectionProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The correction was rejected: kept with the reviewer's reason; the report stays as it is. */
@Component("recordRejectedCorrection")
class RecordRejectedCorrection implements JavaDelegate {

  private final ReportCorrections corrections;

  RecordRejectedCorrection(ReportCorrections corrections) {
    this.corrections = corrections;
  }

  @Override
  public void execute(DelegateExecution execution) {
    corrections.reject(Long.parseLong(CORRECTION_ID.require(execution)), DECIDED_BY.get(execution),
        DECISION_REASON.get(execution));
  }
}
