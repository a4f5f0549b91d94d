package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A responder asked for a higher level by hand: the request takes the place of the decision's
 * recommendation, with the responder's reason; level 3 still needs an incident manager.
 */
@Component("acceptEscalationRequest")
class AcceptEscalationRequest implements JavaDelegate {

  private final Incidents incidents;

  AcceptEscalationRequest(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int level = ESCALATION_REQUEST_LEVEL.require(execution);
    String by = ESCALATION_REQUESTED_BY.require(execution);
    String reason = ESCALATION_REQUEST_REASON.require(execution);
    RECOMMENDED_LEVEL.set(execution, level);
    ESCALATION_TARGET.set(execution, EscalationLevels.target(level));
    APPROVAL_REQUIRED.set(execution, EscalationLevels.needsApproval(level));
    ESCALATION_REASON.set(execution, incidents.words().get("escalation.askedFor", by, reason));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("level", level);
    details.put("reason", reason);
    incidents.note(IncidentProcess.INCIDENT_KEY.require(execution), by, TimelineEntry.Kind.ESCALATION,
        incidents.words().get("escalation.asked", by, level, reason), details);
  }
}
