package dev.firebreak.notify;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.process.EngineAccess;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.annotation.Lazy;
import dev.firebreak.platform.process.ModelBean;
import org.springframework.stereotype.Component;

/**
 * The status-update cadence asks for a new update only when the last one has been posted (or held):
 * no second *Approve public notice* while one — the first notice's or the cadence's — is open.
 */
@ModelBean
@Component("statusUpdates")
public class StatusUpdates {

  private final TaskService tasks;

  StatusUpdates(@Lazy TaskService tasks) {
    this.tasks = tasks;
  }

  public boolean pending(DelegateExecution execution) {
    return EngineAccess.withoutAuthorization(() -> tasks.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKeyIn(IncidentProcess.Elements.APPROVE_PUBLIC_NOTICE,
            IncidentProcess.Elements.APPROVE_FIRST_NOTICE)
        .count() > 0);
  }
}
