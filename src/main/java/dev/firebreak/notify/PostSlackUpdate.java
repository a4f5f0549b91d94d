package dev.firebreak.notify;

import dev.firebreak.incident.IncidentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Posts the incident's current state to the incident channel; the task's name is the headline. */
@Component("postSlackUpdate")
class PostSlackUpdate implements JavaDelegate {

  private final Notices notices;

  PostSlackUpdate(Notices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String headline = execution.getCurrentActivityName() == null
        ? "Incident update" : execution.getCurrentActivityName();
    if (!NotificationPlan.says(NotificationPlan.INCIDENT_CHANNEL, execution, true)) {
      return;
    }
    notices.postIncidentUpdate(IncidentProcess.INCIDENT_KEY.require(execution), headline,
        NotificationPlan.says(NotificationPlan.CENTRAL_CHANNEL, execution, true));
  }
}
