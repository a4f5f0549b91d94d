package dev.firebreak.postmortem;

import static dev.firebreak.incident.IncidentProcess.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Start customer follow-up (incident.bpmn, after the resolution is announced): a customer-facing
 * incident that is no drill starts customer-follow-up (business key = incident key) once, with the
 * incident's facts the compensation policy reads; any other incident starts nothing.
 */
@Component("startCustomerFollowUp")
class StartCustomerFollowUp implements JavaDelegate {

  /** The incident's variables customer-follow-up reads (compensation-policy's inputs, the forms' facts). */
  static final List<String> PASSED = List.of(INCIDENT_KEY.name(), TITLE.name(), SERVICE.name(), INCIDENT_TYPE.name(),
      SEVERITY.name(), IMPACT_SCOPE.name(), SERVICE_TIER.name());

  @Override
  public void execute(DelegateExecution execution) {
    if (!isFor(Boolean.TRUE.equals(CUSTOMER_FACING.get(execution)), Boolean.TRUE.equals(DRILL.get(execution)))) {
      return;
    }
    String key = INCIDENT_KEY.require(execution);
    var engine = execution.getProcessEngineServices();
    long started = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(CustomerFollowUpProcess.ID).processInstanceBusinessKey(key).count();
    if (started == 0) {
      Map<String, Object> variables = new HashMap<>();
      PASSED.forEach(name -> variables.put(name, execution.getVariable(name)));
      engine.getRuntimeService().startProcessInstanceByKey(CustomerFollowUpProcess.ID, key, variables);
    }
  }

  /** Whether an incident gets the apology and the compensation decision: customer-facing and no drill. */
  static boolean isFor(boolean customerFacing, boolean drill) {
    return customerFacing && !drill;
  }
}
