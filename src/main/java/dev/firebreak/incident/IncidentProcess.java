package dev.firebreak.incident;

import static dev.firebreak.platform.process.ProcessVariable.bool;
import static dev.firebreak.platform.process.ProcessVariable.date;
import static dev.firebreak.platform.process.ProcessVariable.integer;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.Answer;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;
import java.util.Date;

/**
 * The contract of processes/incident.bpmn: its id, messages, the ids of elements code refers to,
 * and every variable it reads or writes. The BPMN, the DMN tables and the forms use these names.
 */
public final class IncidentProcess {

  public static final String ID = "incident";

  /** Messages, correlated by the incident key (the business key). */
  public static final String MESSAGE_ALERT_FIRED = "AlertFired";
  /** Another alert of the incident's group fired (no new incident). */
  public static final String MESSAGE_ALERT_UPDATED = "AlertUpdated";
  /** Every alert of the incident's group resolved: the signal recovered. */
  public static final String MESSAGE_ALERTS_RESOLVED = "AlertsResolved";

  // --- what a declaration (start form, API, alert, drill) provides
  public static final ProcessVariable<String> TITLE = string("title");
  public static final ProcessVariable<String> SERVICE = string("service");
  public static final ChoiceVariable<IncidentType> INCIDENT_TYPE = ChoiceVariable.of("incidentType", IncidentType.class);
  public static final ChoiceVariable<ImpactScope> IMPACT_SCOPE = ChoiceVariable.of("impactScope", ImpactScope.class);
  public static final ProcessVariable<Integer> SERVICE_TIER = integer("serviceTier");
  public static final ProcessVariable<Boolean> CUSTOMER_FACING = bool("customerFacing");
  public static final ProcessVariable<Boolean> DATA_INTEGRITY_AT_RISK = bool("dataIntegrityAtRisk");
  public static final ChoiceVariable<AlertSeverity> ALERT_SEVERITY = ChoiceVariable.of("alertSeverity", AlertSeverity.class);
  public static final ProcessVariable<String> DESCRIPTION = string("description");
  public static final ProcessVariable<Date> DETECTED_AT = date("detectedAt");
  public static final ProcessVariable<Boolean> DRILL = bool("drill");
  /** Set by the engine from the start event's camunda:initiator. */
  public static final ProcessVariable<String> DECLARED_BY = string("declaredBy");
  /** Where the incident came from: tasklist, api, alertmanager, grafana, drill. */
  public static final ProcessVariable<String> SOURCE = string("source");

  // --- set as the incident runs
  public static final ProcessVariable<String> INCIDENT_KEY = string("incidentKey");
  public static final ChoiceVariable<Severity> SEVERITY = ChoiceVariable.of("severity", Severity.class);
  public static final ProcessVariable<String> SEVERITY_REASON = string("severityReason");
  public static final ProcessVariable<String> STATUS_UPDATE_CYCLE = string("statusUpdateCycle");
  public static final ProcessVariable<String> ESCALATION_CHECK_CYCLE = string("escalationCheckCycle");
  /**
   * Whether the service catalog knows the incident's service (set when the incident is recorded): an
   * input of dmn/incident-severity.dmn, which keeps an unknown service at SEV2 or above until triage.
   */
  public static final ProcessVariable<Boolean> SERVICE_KNOWN = bool("serviceKnown");
  /**
   * What triage should know about the service: unknown to the catalog, or an alert's service label
   * the alert classification corrected (shown on the triage form; unset when all is well).
   */
  public static final ProcessVariable<String> SERVICE_NOTE = string("serviceNote");
  /**
   * Up to three similar past incidents from the knowledge base (key, title, cause, what resolved it,
   * link), as text for the Triage form; set when Triage incident is created, unset when there are none.
   */
  public static final ProcessVariable<String> SIMILAR_INCIDENTS = string("similarIncidents");
  /** The Camunda group of the team that owns the service (the directory says which): hotfix reviews. */
  public static final ProcessVariable<String> OWNING_TEAM_GROUP = string("owningTeamGroup");

  // --- escalation as incident.bpmn and dmn/escalation-level.dmn see it (escalation.bpmn raises the level)
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
  // a responder's request (set by the EscalationRequested message)
  public static final ProcessVariable<Integer> ESCALATION_REQUEST_LEVEL = integer("escalationRequestLevel");
  public static final ProcessVariable<String> ESCALATION_REQUEST_REASON = string("escalationRequestReason");
  public static final ProcessVariable<String> ESCALATION_REQUESTED_BY = string("escalationRequestedBy");

  // --- Triage incident
  public static final ChoiceVariable<TriageOutcome> TRIAGE_OUTCOME = ChoiceVariable.of("triageOutcome", TriageOutcome.class);
  public static final ChoiceVariable<Complexity> COMPLEXITY = ChoiceVariable.of("complexity", Complexity.class);
  public static final ProcessVariable<Boolean> OVERRIDE_SEVERITY = bool("overrideSeverity");
  public static final ChoiceVariable<Severity> SEVERITY_OVERRIDE = ChoiceVariable.of("severityOverride", Severity.class);
  public static final ProcessVariable<String> SEVERITY_OVERRIDE_REASON = string("severityOverrideReason");
  public static final ProcessVariable<String> DISMISS_REASON = string("dismissReason");
  public static final ProcessVariable<String> COMMANDER = string("commander");

  // --- a later change of severity (POST /api/incidents/{key}/severity correlates SeverityChanged)
  /** A responder or incident manager changes the severity while the incident is responded to. */
  public static final String MESSAGE_SEVERITY_CHANGED = "SeverityChanged";
  public static final ChoiceVariable<Severity> SEVERITY_CHANGE = ChoiceVariable.of("severityChange", Severity.class);
  public static final ProcessVariable<String> SEVERITY_CHANGE_REASON = string("severityChangeReason");
  public static final ProcessVariable<String> SEVERITY_CHANGED_BY = string("severityChangedBy");

  // --- set by alert intake
  public static final ProcessVariable<Integer> ALERT_COUNT = integer("alertCount");
  public static final ProcessVariable<Boolean> SIGNAL_RECOVERED = bool("signalRecovered");

  // --- Confirm service restored
  public static final ChoiceVariable<Answer> SERVICE_RESTORED = ChoiceVariable.of("serviceRestored", Answer.class);
  public static final ProcessVariable<String> RESOLUTION_SUMMARY = string("resolutionSummary");

  // --- post-mortem policy and Decide on post-mortem
  public static final ProcessVariable<Boolean> POSTMORTEM_REQUIRED = bool("postmortemRequired");
  public static final ProcessVariable<String> POSTMORTEM_REASON = string("postmortemReason");
  public static final ChoiceVariable<Answer> HOLD_POSTMORTEM = ChoiceVariable.of("holdPostmortem", Answer.class);
  public static final ProcessVariable<String> POSTMORTEM_DECISION_REASON = string("postmortemDecisionReason");

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    public static final String DECLARE_INCIDENT = "DeclareIncident";
    public static final String ALERT_FIRED = "AlertFired";
    public static final String RECORD_INCIDENT = "RecordIncident";
    public static final String ASSESS_SEVERITY = "AssessSeverity";
    public static final String PLAN_NOTIFICATIONS = "PlanNotifications";
    public static final String RESPOND_TO_INCIDENT = "RespondToIncident";
    public static final String POST_TO_INCIDENT_CHANNEL = "PostToIncidentChannel";
    public static final String PAGE_ON_CALL = "PageOnCall";
    public static final String TRIAGE_INCIDENT = "TriageIncident";
    public static final String OVERRIDE_SEVERITY = "OverrideSeverity";
    public static final String REPLAN_AFTER_OVERRIDE = "ReplanAfterOverride";
    public static final String MOVE_STATUS_UPDATES_AFTER_OVERRIDE = "MoveStatusUpdatesAfterOverride";
    public static final String ANNOUNCE_SEVERITY_OVERRIDE = "AnnounceSeverityOverride";
    public static final String SEVERITY_CHANGED = "SeverityChanged";
    public static final String APPLY_SEVERITY_CHANGE = "ApplySeverityChange";
    public static final String REPLAN_ON_SEVERITY_CHANGE = "ReplanOnSeverityChange";
    public static final String MOVE_STATUS_UPDATES = "MoveStatusUpdates";
    public static final String ANNOUNCE_SEVERITY_CHANGE = "AnnounceSeverityChange";
    public static final String ASSESS_ESCALATION_ON_SEVERITY_CHANGE = "AssessEscalationOnSeverityChange";
    public static final String ESCALATE_ON_SEVERITY_CHANGE = "EscalateOnSeverityChange";
    public static final String INCIDENT_ACKNOWLEDGED = "IncidentAcknowledged";
    public static final String OPEN_TRACKING_ISSUE = "OpenTrackingIssue";
    public static final String RECOVER_SERVICE = "RecoverService";
    public static final String SERVICE_MITIGATED = "ServiceMitigated";
    public static final String CONFIRM_SERVICE_RESTORED = "ConfirmServiceRestored";
    public static final String ASSESS_ESCALATION = "AssessEscalation";
    public static final String REQUEST_ESCALATION = "RequestEscalation";
    public static final String ESCALATE_ON_SCHEDULE = "EscalateOnSchedule";
    public static final String ESCALATE_AT_ONCE = "EscalateAtOnce";
    public static final String ESCALATE_AT_ONCE_TIMER = "EscalateAtOnceTimer";
    public static final String ASSESS_ESCALATION_AT_ONCE = "AssessEscalationAtOnce";
    public static final String ESCALATE_INCIDENT_AT_ONCE = "EscalateIncidentAtOnce";
    public static final String ASSESS_ESCALATION_AT_TRIAGE = "AssessEscalationAtTriage";
    public static final String ESCALATE_AT_TRIAGE = "EscalateAtTriage";
    public static final String ESCALATION_REQUESTED = "EscalationRequested";
    public static final String ACCEPT_ESCALATION_REQUEST = "AcceptEscalationRequest";
    public static final String ESCALATE_AS_REQUESTED = "EscalateAsRequested";
    public static final String ESCALATION_TIMER = "EscalationTimer";
    public static final String STATUS_UPDATE_TIMER = "StatusUpdateTimer";
    public static final String DRAFT_PUBLIC_NOTICE = "DraftPublicNotice";
    public static final String APPROVE_PUBLIC_NOTICE = "ApprovePublicNotice";
    public static final String PUBLISH_STATUS_UPDATE = "PublishStatusUpdate";
    public static final String NOTE_NOTICE_HELD = "NoteNoticeHeld";
    public static final String TELL_CUSTOMERS_AT_ONCE = "TellCustomersAtOnce";
    public static final String FIRST_NOTICE_TIMER = "FirstNoticeTimer";
    public static final String DRAFT_FIRST_NOTICE = "DraftFirstNotice";
    public static final String APPROVE_FIRST_NOTICE = "ApproveFirstNotice";
    public static final String NOTE_FIRST_NOTICE_HELD = "NoteFirstNoticeHeld";
    public static final String PUBLISH_FIRST_NOTICE = "PublishFirstNotice";
    public static final String PUBLISH_RESOLUTION_NOTICE = "PublishResolutionNotice";
    public static final String INCIDENT_DISMISSED = "IncidentDismissed";
    public static final String PUBLISH_DISMISSAL_NOTICE = "PublishDismissalNotice";
    public static final String INCIDENT_RESOLVED = "IncidentResolved";
    public static final String ANNOUNCE_RESOLUTION = "AnnounceResolution";
    /** Starts customer-follow-up (apology, compensation) for a customer-facing incident that is no drill. */
    public static final String START_CUSTOMER_FOLLOW_UP = "StartCustomerFollowUp";
    public static final String DECIDE_POSTMORTEM_POLICY = "DecidePostmortemPolicy";
    public static final String DECIDE_ON_POSTMORTEM = "DecideOnPostmortem";
    public static final String POSTMORTEM_STARTED = "PostmortemStarted";
    public static final String RUN_POSTMORTEM = "RunPostmortem";
    public static final String INCIDENT_CLOSED = "IncidentClosed";
    public static final String ALERT_UPDATED = "AlertUpdated";
    public static final String POST_ALERT_UPDATE = "PostAlertUpdate";
    public static final String ALERTS_RESOLVED = "AlertsResolved";
    public static final String POST_SIGNAL_RECOVERED = "PostSignalRecovered";

    private Elements() {
    }
  }

  private IncidentProcess() {
  }
}
