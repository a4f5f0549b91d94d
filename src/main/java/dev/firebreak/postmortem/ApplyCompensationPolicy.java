package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.CustomerFollowUpProcess.*;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of Suggest compensation: compensation-policy's outputs (the engine's transient
 * {@code decisionResult}; hit policy FIRST) become the suggestion Decide compensation shows.
 */
@Component("applyCompensationPolicy")
class ApplyCompensationPolicy implements ExecutionListener {

  static final String RESULT_VARIABLE = "decisionResult";

  @Override
  public void notify(DelegateExecution execution) {
    Object raw = execution.getVariable(RESULT_VARIABLE);
    DmnDecisionResultEntries result = raw instanceof DmnDecisionResult decision ? decision.getFirstResult() : null;
    if (result == null) {
      throw new ProcessEngineException("compensation-policy produced no result: its last rule must always match");
    }
    SUGGESTED_COMPENSATION.set(execution, Compensation.fromJson(result.getEntry(SUGGESTED_COMPENSATION.name())));
    SUGGESTED_CREDIT_PERCENT.set(execution, SUGGESTED_CREDIT_PERCENT.convert(result.getEntry(SUGGESTED_CREDIT_PERCENT.name())));
    COMPENSATION_POLICY_REASON.set(execution, result.getEntry(COMPENSATION_POLICY_REASON.name()));
  }
}
