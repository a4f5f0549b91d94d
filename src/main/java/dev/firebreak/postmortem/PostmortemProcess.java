package dev.firebreak.postmortem;

import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;
import java.util.Map;

/** The contract of processes/postmortem.bpmn, called by the incident process. */
public final class PostmortemProcess {

  public static final String ID = "postmortem";

  /**
   * How long after the incident was resolved its post-mortem is due (ISO-8601, e.g. P5D): an output of
   * the post-mortem policy (dmn/postmortem-policy.dmn), by severity. Read by {@code PostmortemDeadline}.
   */
  public static final ProcessVariable<String> POSTMORTEM_DUE_IN = string("postmortemDueIn");

  // Schedule post-mortem meeting
  public static final ProcessVariable<String> MEETING_AT = string("meetingAt");
  /**
   * The participants' ids: the form's picker submits a Json list of ids, the API may send a list or
   * "responder, manager"; read them with {@code PostmortemMeeting.participants}.
   */
  public static final ProcessVariable<Object> MEETING_PARTICIPANTS = ProcessVariable.of("meetingParticipants", Object.class);
  public static final ProcessVariable<String> FACILITATOR = string("facilitator");
  /**
   * The people of the contact directory as the form's picker options ([{label, value}], Json; the
   * form's valuesKey for Participants and Facilitator), set by the system when the task starts.
   */
  public static final String PARTICIPANT_OPTIONS = "participantOptions";
  /** The zone {@code meetingAt} is in (firebreak.zone), shown on the form; set by the system when the task starts. */
  public static final ProcessVariable<String> TIME_ZONE = string("timeZone");

  // Write post-mortem: the handbook's eight report sections, in order — 1 장애 개요 (summary, impact),
  // 2 장애 탐지, 3 장애 전파, 4 대응 조치, 5 원인 분석, 6 재발 방지 대책 (and action items), 7 후속 조치, 8 교훈 및 개선점
  public static final ProcessVariable<String> POSTMORTEM_SUMMARY = string("postmortemSummary");
  public static final ProcessVariable<String> CUSTOMER_IMPACT = string("customerImpact");
  public static final ProcessVariable<String> DETECTION_NOTES = string("detectionNotes");
  public static final ProcessVariable<String> COMMUNICATION_NOTES = string("communicationNotes");
  public static final ProcessVariable<String> ROOT_CAUSE = string("rootCause");
  public static final ProcessVariable<String> RESPONSE_TIMELINE = string("responseTimeline");
  public static final ProcessVariable<String> PREVENTION_MEASURES = string("preventionMeasures");
  public static final ProcessVariable<String> FOLLOW_UP = string("followUp");
  public static final ProcessVariable<String> LESSONS_LEARNED = string("lessonsLearned");
  /** A list of {title, owner, dueDate}, submitted by the form's dynamic list as Json. */
  public static final String ACTION_ITEMS = "actionItems";
  /** The element variable of the multi-instance Create action item. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static final ProcessVariable<Map<String, Object>> ACTION_ITEM = ProcessVariable.of("actionItem", (Class) Map.class);

  // Approve post-mortem
  public static final ChoiceVariable<Approval> POSTMORTEM_DECISION = ChoiceVariable.of("postmortemDecision", Approval.class);
  public static final ProcessVariable<String> POSTMORTEM_REVIEW_NOTES = string("postmortemReviewNotes");

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    /** The embedded sub-process from scheduling to approval, which the overdue timer watches. */
    public static final String WORK_ON_POSTMORTEM = "WorkOnPostmortem";
    /** Non-interrupting timer on Work on post-mortem at the due time. */
    public static final String POSTMORTEM_OVERDUE = "PostmortemOverdue";
    public static final String REMIND_OWNER = "RemindPostmortemOwner";
    public static final String SCHEDULE_MEETING = "SchedulePostmortemMeeting";
    public static final String INVITE_TO_MEETING = "InviteToPostmortemMeeting";
    public static final String WRITE_POSTMORTEM = "WritePostmortem";
    public static final String APPROVE_POSTMORTEM = "ApprovePostmortem";
    public static final String CREATE_ACTION_ITEM = "CreateActionItem";
    public static final String PUBLISH_REPORT = "PublishIncidentReport";
    public static final String START_FOLLOW_UP = "StartActionItemFollowUp";

    private Elements() {
    }
  }

  private PostmortemProcess() {
  }
}
