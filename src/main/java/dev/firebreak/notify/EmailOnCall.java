package dev.firebreak.notify;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.identity.Groups;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Pages the on-call responders (L1) by e-mail with what the severity decision said. */
@Component("emailOnCall")
class EmailOnCall implements JavaDelegate {

  private final Notices notices;

  EmailOnCall(Notices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!NotificationPlan.says(NotificationPlan.ON_CALL, execution, true)) {
      return;
    }
    notices.emailGroups(INCIDENT_KEY.require(execution), List.of(Groups.RESPONDERS),
        "needs triage: " + TITLE.get(execution),
        "A new incident waits for triage in Tasklist.\nSeverity: " + SEVERITY.get(execution).map(Enum::name).orElse("?")
            + " — " + SEVERITY_REASON.get(execution));
  }
}
