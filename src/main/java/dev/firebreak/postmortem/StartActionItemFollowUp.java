package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts action-item-follow-up for the incident (business key = incident key) when it has open
 * action items, once: the post-mortem ends and the incident closes while the items are worked on.
 */
@Component("startActionItemFollowUp")
class StartActionItemFollowUp implements JavaDelegate {

  private final ActionItemFollowUp followUp;

  StartActionItemFollowUp(ActionItemFollowUp followUp) {
    this.followUp = followUp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    if (followUp.openItems(key).isEmpty()) {
      return;
    }
    var engine = execution.getProcessEngineServices();
    long started = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(ActionItemFollowUpProcess.ID).processInstanceBusinessKey(key).count();
    if (started == 0) {
      engine.getRuntimeService().startProcessInstanceByKey(ActionItemFollowUpProcess.ID, key,
          Map.of(IncidentProcess.INCIDENT_KEY.name(), key));
    }
  }
}
