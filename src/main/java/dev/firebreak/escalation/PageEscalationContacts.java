package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationVariables.*;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.notify.Notices;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.identity.Groups;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Pages the tier the escalation reached: L2 the owning team, L3 leadership. */
@Component("pageEscalationContacts")
class PageEscalationContacts implements JavaDelegate {

  private final Notices notices;
  private final ServiceCatalog catalog;

  PageEscalationContacts(Notices notices, ServiceCatalog catalog) {
    this.notices = notices;
    this.catalog = catalog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    EscalationTarget target = ESCALATION_TARGET.get(execution).orElse(EscalationTarget.ON_CALL);
    List<String> groups = switch (target) {
      case ON_CALL -> List.of(Groups.RESPONDERS);
      case SERVICE_TEAM -> List.of(catalog.owningTeam(IncidentProcess.SERVICE.require(execution)));
      case EXECUTIVES -> List.of(Groups.EXECUTIVES, Groups.INCIDENT_MANAGERS);
    };
    notices.emailGroups(key, groups, "escalated to level " + ESCALATION_LEVEL.require(execution),
        "Reason: " + ESCALATION_REASON.get(execution));
    notices.postIncidentUpdate(key, "Escalated to level " + ESCALATION_LEVEL.require(execution)
        + " (" + target.label() + ")");
  }
}
