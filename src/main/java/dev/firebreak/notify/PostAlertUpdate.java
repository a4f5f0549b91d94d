package dev.firebreak.notify;

import dev.firebreak.incident.IncidentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * An alert update of a running incident: after the opening announcement the cards are redrawn in
 * place, and the update waits for the next coalesced update post ({@link AlertUpdatePosts}).
 */
@Component("postAlertUpdate")
class PostAlertUpdate implements JavaDelegate {

  private final Notices notices;

  PostAlertUpdate(Notices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String headline = execution.getCurrentActivityName() == null
        ? "Alert update" : execution.getCurrentActivityName();
    if (!NotificationPlan.says(NotificationPlan.INCIDENT_CHANNEL, execution, true)) {
      return;
    }
    notices.postAlertUpdate(IncidentProcess.INCIDENT_KEY.require(execution), headline,
        NotificationPlan.says(NotificationPlan.CENTRAL_CHANNEL, execution, true));
  }
}
