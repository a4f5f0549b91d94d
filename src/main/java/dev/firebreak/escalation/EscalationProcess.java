package dev.firebreak.escalation;

/** escalation.bpmn: raise the incident a tier, with approval and a page that must be acknowledged. */
public final class EscalationProcess {

  public static final String ID = "escalation";

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
