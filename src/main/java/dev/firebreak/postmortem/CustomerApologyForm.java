package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.CustomerFollowUpProcess.AFFECTED_CUSTOMERS;
import static dev.firebreak.postmortem.CustomerFollowUpProcess.APOLOGY_SENT_BY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Send customer apology completes: the uploaded list must read (a bad line is a 400 naming it, in
 * the completion's transaction, so the task stays open and nothing is queued); who sent it is kept.
 */
@Component("customerApologyForm")
class CustomerApologyForm implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (!EVENTNAME_END.equals(execution.getEventName()) || execution.isCanceled()) {
      return;
    }
    CustomerApologies.parseList(AFFECTED_CUSTOMERS.get(execution));
    APOLOGY_SENT_BY.set(execution, currentUser(execution));
  }

  static String currentUser(DelegateExecution execution) {
    Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }
}
