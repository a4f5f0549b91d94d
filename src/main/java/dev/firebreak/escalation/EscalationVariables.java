package dev.firebreak.escalation;

import static dev.firebreak.platform.process.ProcessVariable.bool;
import static dev.firebreak.platform.process.ProcessVariable.integer;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Variables of escalation.bpmn, of the escalation parts of incident.bpmn and of
 * dmn/escalation-level.dmn.
 */
public final class EscalationVariables {

  /** A responder asks for a higher level by hand (correlated by the incident key). */
  public static final String MESSAGE_ESCALATION_REQUESTED = "EscalationRequested";

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

  // a responder's request (set by the EscalationRequested message)
  public static final ProcessVariable<Integer> ESCALATION_REQUEST_LEVEL = integer("escalationRequestLevel");
  public static final ProcessVariable<String> ESCALATION_REQUEST_REASON = string("escalationRequestReason");
  public static final ProcessVariable<String> ESCALATION_REQUESTED_BY = string("escalationRequestedBy");

  // paging the owning team's on-call person (escalation.bpmn)
  /** How long a page may go unacknowledged before the next person is paged (ISO-8601 duration). */
  public static final ProcessVariable<String> PAGE_ACKNOWLEDGE_TIMEOUT = string("pageAcknowledgeTimeout");
  /** True while a paged person has to acknowledge (Acknowledge page). */
  public static final ProcessVariable<Boolean> PAGE_AWAITING_ACKNOWLEDGEMENT = bool("pageAwaitingAcknowledgement");
  /** The Camunda user paged last: the assignee of Acknowledge page. */
  public static final ProcessVariable<String> PAGED_PERSON = string("pagedPerson");
  /** The team group of the paged person: teammates may acknowledge too. */
  public static final ProcessVariable<String> PAGED_TEAM_GROUP = string("pagedTeamGroup");
  /** The team whose rotation is being paged. */
  public static final ProcessVariable<String> PAGED_TEAM = string("pagedTeam");
  /** Everyone paged so far in this escalation, comma-separated, in order. */
  public static final ProcessVariable<String> PAGED_PEOPLE = string("pagedPeople");
  /** Acknowledge page: an optional note from the person who took the page. */
  public static final ProcessVariable<String> ACKNOWLEDGEMENT_NOTE = string("acknowledgementNote");

  /**
   * Sets the variable here and on the incident that called this escalation: the incident's later
   * checks must see the level already reached or asked for, not the copy the escalation started with.
   */
  public static <T> void setOnIncident(DelegateExecution execution, ProcessVariable<T> variable, T value) {
    variable.set(execution, value);
    ExecutionEntity incident = incident(execution);
    if (incident != execution) {
      variable.set(incident, value);
    }
  }

  /** The variable as the calling incident holds it now (this execution's own value outside a call). */
  public static <T> T onIncident(DelegateExecution execution, ProcessVariable<T> variable) {
    return variable.get(incident(execution));
  }

  /**
   * The incident process instance this execution belongs to or was called by (an escalation is
   * called by an incident, which may itself be called by a drill); the execution itself otherwise.
   */
  private static ExecutionEntity incident(DelegateExecution execution) {
    ExecutionEntity instance = ((ExecutionEntity) execution).getProcessInstance();
    while (instance != null) {
      if (dev.firebreak.incident.IncidentProcess.ID.equals(instance.getProcessDefinition().getKey())) {
        return instance;
      }
      ExecutionEntity caller = instance.getSuperExecution();
      instance = caller == null ? null : caller.getProcessInstance();
    }
    return (ExecutionEntity) execution;
  }

  private EscalationVariables() {
  }
}
