package dev.firebreak.incident;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of every business rule task of incident.bpmn: each output of the decision (the
 * engine leaves it in the transient variable {@value #RESULT_VARIABLE}) becomes a process variable
 * of the same name, and the incident record takes what was decided (severity, level). Tables use
 * hit policy FIRST, so the first result is the decision. The timeline entry is audit's
 * ({@code recordDecision}, the next listener).
 */
@Component("applyDecision")
class ApplyDecision implements ExecutionListener {

  /** Where the engine keeps a business rule task's result; a result variable of this name is refused. */
  static final String RESULT_VARIABLE = "decisionResult";

  private final IncidentSync sync;

  ApplyDecision(IncidentSync sync) {
    this.sync = sync;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, Object> outputs = outputs(execution);
    outputs.forEach(execution::setVariable);
    sync.sync(execution);
  }

  private static Map<String, Object> outputs(DelegateExecution execution) {
    Object raw = execution.getVariable(RESULT_VARIABLE);
    DmnDecisionResultEntries result = raw instanceof DmnDecisionResult decision ? decision.getFirstResult() : null;
    if (result == null) {
      throw new ProcessEngineException("Decision at '" + execution.getCurrentActivityId()
          + "' produced no result: every decision table needs a rule that always matches");
    }
    return result.getEntryMap();
  }
}
