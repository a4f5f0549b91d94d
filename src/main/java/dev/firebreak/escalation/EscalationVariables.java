package dev.firebreak.escalation;

import static dev.firebreak.platform.process.ProcessVariable.bool;
import static dev.firebreak.platform.process.ProcessVariable.integer;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;

/** Variables of the escalation event sub-process in incident.bpmn and of dmn/escalation-level.dmn. */
public final class EscalationVariables {

  /** The level in force; starts at 1 (on-call). */
  public static final ProcessVariable<Integer> ESCALATION_LEVEL = integer("escalationLevel");
  /** The highest level asked for so far, approved or not: the same level is never asked twice. */
  public static final ProcessVariable<Integer> REQUESTED_ESCALATION_LEVEL = integer("requestedEscalationLevel");
  public static final ProcessVariable<Integer> MINUTES_SINCE_DETECTION = integer("minutesSinceDetection");

  // outputs of escalation-level
  public static final ProcessVariable<Integer> RECOMMENDED_LEVEL = integer("recommendedLevel");
  public static final ChoiceVariable<EscalationTarget> ESCALATION_TARGET = ChoiceVariable.of("escalationTarget", EscalationTarget.class);
  public static final ProcessVariable<Boolean> APPROVAL_REQUIRED = bool("approvalRequired");
  public static final ProcessVariable<String> ESCALATION_REASON = string("escalationReason");

  // Approve escalation
  public static final ChoiceVariable<Approval> ESCALATION_DECISION = ChoiceVariable.of("escalationDecision", Approval.class);
  public static final ProcessVariable<String> ESCALATION_DECISION_REASON = string("escalationDecisionReason");

  private EscalationVariables() {
  }
}
