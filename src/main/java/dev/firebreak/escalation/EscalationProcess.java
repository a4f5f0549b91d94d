package dev.firebreak.escalation;

import static dev.firebreak.platform.process.ProcessVariable.bool;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.process.CallingProcess;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The contract of processes/escalation.bpmn: raise the incident a tier, with approval and a page
 * that must be acknowledged. The level, the level asked for and the decision's outputs are the
 * incident's variables ({@link IncidentProcess}); the ones here are escalation.bpmn's own.
 */
public final class EscalationProcess {

  public static final String ID = "escalation";

  // Approve escalation
  public static final ChoiceVariable<Approval> ESCALATION_DECISION = ChoiceVariable.of("escalationDecision", Approval.class);
  public static final ProcessVariable<String> ESCALATION_DECISION_REASON = string("escalationDecisionReason");

  // paging the owning team's on-call person
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
  /** True once the owning team was paged for this incident (kept on the incident): leadership never comes first. */
  public static final ProcessVariable<Boolean> SERVICE_TEAM_PAGED = bool("serviceTeamPaged");
  /** Approve escalation: the people the level would page, by name from the directory (set when the task is created). */
  public static final ProcessVariable<String> ESCALATION_CONTACTS = string("escalationContacts");
  /** Acknowledge page: an optional note from the person who took the page. */
  public static final ProcessVariable<String> ACKNOWLEDGEMENT_NOTE = string("acknowledgementNote");

  /**
   * Sets the variable here and on the incident that called this escalation: the incident's later
   * checks must see the level already reached or asked for, not the copy the escalation started with.
   */
  public static <T> void setOnIncident(DelegateExecution execution, ProcessVariable<T> variable, T value) {
    variable.set(execution, value);
    DelegateExecution incident = CallingProcess.instanceOf(execution, IncidentProcess.ID);
    if (!incident.getId().equals(execution.getProcessInstanceId())) {
      variable.set(incident, value);
    }
  }

  /** The variable as the calling incident holds it now (this execution's own value outside a call). */
  public static <T> T onIncident(DelegateExecution execution, ProcessVariable<T> variable) {
    return variable.get(CallingProcess.instanceOf(execution, IncidentProcess.ID));
  }

  /** Element ids of escalation.bpmn that code and tests refer to. */
  public static final class Elements {
    public static final String APPROVE_ESCALATION = "ApproveEscalation";
    public static final String ESCALATE_INCIDENT = "EscalateIncident";
    public static final String PAGE_ESCALATION_CONTACTS = "PageEscalationContacts";
    public static final String ANNOUNCE_ESCALATION = "AnnounceEscalation";
    public static final String ACKNOWLEDGE_PAGE = "AcknowledgePage";
    public static final String PAGE_UNACKNOWLEDGED = "PageUnacknowledged";
    public static final String PAGE_NEXT_PERSON = "PageNextPerson";
    public static final String ESCALATE_TO_NEXT_TIER = "EscalateToNextTier";
    public static final String END_PAGE_ACKNOWLEDGED = "End_PageAcknowledged";
    public static final String END_NOBODY_ACKNOWLEDGED = "End_NobodyAcknowledged";

    private Elements() {
    }
  }

  private EscalationProcess() {
  }
}
