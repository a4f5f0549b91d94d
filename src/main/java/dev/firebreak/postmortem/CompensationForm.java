package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.CustomerFollowUpProcess.*;

import dev.firebreak.platform.process.InvalidVariableException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Decide compensation completes: a service credit needs its percent (1–100), and a decision that
 * departs from the suggestion needs a reason (each a 400 naming the field; the task stays open).
 */
@Component("compensationForm")
class CompensationForm implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (!EVENTNAME_END.equals(execution.getEventName()) || execution.isCanceled()) {
      return;
    }
    Compensation decided = COMPENSATION.require(execution);
    Integer percent = CREDIT_PERCENT.get(execution);
    if (decided == Compensation.SERVICE_CREDIT && (percent == null || percent < 1 || percent > 100)) {
      throw new InvalidVariableException(CREDIT_PERCENT.name(),
          "A service credit needs its percent of the month's fee, from 1 to 100");
    }
    Compensation suggested = SUGGESTED_COMPENSATION.require(execution);
    Integer suggestedPercent = SUGGESTED_CREDIT_PERCENT.get(execution);
    String reason = COMPENSATION_REASON.get(execution);
    if (Compensations.departs(suggested, suggestedPercent, decided, decided == Compensation.SERVICE_CREDIT ? percent : null)
        && (reason == null || reason.isBlank())) {
      throw new InvalidVariableException(COMPENSATION_REASON.name(), "The compensation policy suggests "
          + suggested.code() + (suggestedPercent == null ? "" : " (" + suggestedPercent + "%)")
          + ": deciding otherwise needs a reason");
    }
    COMPENSATION_DECIDED_BY.set(execution, CustomerApologyForm.currentUser(execution));
  }
}
