package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.EscalationTarget;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The decision recommends a higher level: remember that it was requested, so a rejected request
 * is not asked again every cycle, only when an even higher level is recommended.
 */
@Component("requestEscalation")
class RequestEscalation implements JavaDelegate {

  private final Incidents incidents;

  RequestEscalation(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int level = RECOMMENDED_LEVEL.require(execution);
    int current = ESCALATION_LEVEL.getOrDefault(execution, 1);
    // the highest level asked for so far: a lower request by hand never lets a rejected level be asked again
    Integer asked = onIncident(execution, REQUESTED_ESCALATION_LEVEL);
    setOnIncident(execution, REQUESTED_ESCALATION_LEVEL, asked == null ? level : Math.max(asked, level));
    execution.removeVariable(ESCALATION_DECISION.name());
    execution.removeVariable(ESCALATION_DECISION_REASON.name());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", current);
    details.put("to", level);
    details.put("target", ESCALATION_TARGET.get(execution).map(EscalationTarget::code).orElse(null));
    details.put("approvalRequired", APPROVAL_REQUIRED.getOrDefault(execution, false));
    details.put("reason", ESCALATION_REASON.get(execution));
    incidents.note(IncidentProcess.INCIDENT_KEY.require(execution), null, TimelineEntry.Kind.ESCALATION,
        incidents.words().get(APPROVAL_REQUIRED.getOrDefault(execution, false)
            ? "escalation.requested.approval" : "escalation.requested", level, ESCALATION_REASON.get(execution)),
        details);
  }
}
