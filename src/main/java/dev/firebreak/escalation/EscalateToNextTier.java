package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Nobody in the paged team acknowledged: recommend the tier above. Level 3 (leadership) always
 * needs an incident manager's approval, as in the escalation-level decision.
 */
@Component("escalateToNextTier")
class EscalateToNextTier implements JavaDelegate {

  private final dev.firebreak.platform.i18n.TimelineWords words;

  EscalateToNextTier(dev.firebreak.platform.i18n.TimelineWords words) {
    this.words = words;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int next = ESCALATION_LEVEL.getOrDefault(execution, 1) + 1;
    // another escalation of the incident (the timer, a responder) may have asked for this tier already
    Integer requested = onIncident(execution, REQUESTED_ESCALATION_LEVEL);
    REQUESTED_ESCALATION_LEVEL.set(execution, requested == null ? next - 1 : requested);
    RECOMMENDED_LEVEL.set(execution, next);
    ESCALATION_TARGET.set(execution, EscalationLevels.target(next));
    APPROVAL_REQUIRED.set(execution, EscalationLevels.needsApproval(next));
    ESCALATION_REASON.set(execution, words.get("escalation.nobodyAcknowledged", PAGED_TEAM.getOrDefault(execution, "?"),
        PAGED_PEOPLE.getOrDefault(execution, "")));
  }
}
