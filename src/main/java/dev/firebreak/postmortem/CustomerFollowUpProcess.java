package dev.firebreak.postmortem;

import static dev.firebreak.platform.process.ProcessVariable.integer;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;

/**
 * The contract of processes/customer-follow-up.bpmn (issue 17.4): started when a customer-facing
 * incident (not a drill) is resolved (business key = incident key). Communications send the customer
 * apology; an incident manager decides compensation, suggested by dmn/compensation-policy.dmn. The
 * incident's own variables it reads (severity, impactScope, serviceTier, incidentType) are
 * {@code IncidentProcess}'s, passed at the start.
 */
public final class CustomerFollowUpProcess {

  public static final String ID = "customer-follow-up";

  /** Minutes from the impact's start (else detection) to resolution: an input of compensation-policy. */
  public static final ProcessVariable<Integer> IMPACT_MINUTES = integer("impactMinutes");

  // --- Send customer apology: the draft (from the type's template, messages apology.*) as communications send it
  public static final ProcessVariable<String> APOLOGY_SUBJECT_KO = string("apologySubjectKo");
  public static final ProcessVariable<String> APOLOGY_TEXT_KO = string("apologyTextKo");
  public static final ProcessVariable<String> APOLOGY_SUBJECT_EN = string("apologySubjectEn");
  public static final ProcessVariable<String> APOLOGY_TEXT_EN = string("apologyTextEn");
  /** How many confirmed status page e-mail subscribers the apology goes to (shown on the form; set when drafted). */
  public static final ProcessVariable<Integer> APOLOGY_SUBSCRIBERS = integer("apologySubscribers");
  /**
   * The uploaded list of affected customers: one e-mail address a line, optionally followed by
   * {@code ,ko} or {@code ,en} (that language only; else both). Checked when the task completes:
   * a bad line is a 400 naming it, and nothing is queued.
   */
  public static final ProcessVariable<String> AFFECTED_CUSTOMERS = string("affectedCustomers");
  /** Who completed Send customer apology (set by the system when it completes). */
  public static final ProcessVariable<String> APOLOGY_SENT_BY = string("apologySentBy");

  // --- outputs of compensation-policy
  public static final ChoiceVariable<Compensation> SUGGESTED_COMPENSATION =
      ChoiceVariable.of("suggestedCompensation", Compensation.class);
  public static final ProcessVariable<Integer> SUGGESTED_CREDIT_PERCENT = integer("suggestedCreditPercent");
  public static final ProcessVariable<String> COMPENSATION_POLICY_REASON = string("compensationPolicyReason");

  // --- Decide compensation
  public static final ChoiceVariable<Compensation> COMPENSATION = ChoiceVariable.of("compensation", Compensation.class);
  /** The service credit in percent of the month's fee (1–100), for a service credit. */
  public static final ProcessVariable<Integer> CREDIT_PERCENT = integer("creditPercent");
  /** Why: required when the decision departs from the suggestion. */
  public static final ProcessVariable<String> COMPENSATION_REASON = string("compensationReason");
  /** Who completed Decide compensation (set by the system when it completes). */
  public static final ProcessVariable<String> COMPENSATION_DECIDED_BY = string("compensationDecidedBy");

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    public static final String DRAFT_APOLOGY = "DraftCustomerApology";
    public static final String SEND_APOLOGY = "SendCustomerApology";
    public static final String QUEUE_APOLOGY = "QueueCustomerApology";
    public static final String SUGGEST_COMPENSATION = "SuggestCompensation";
    public static final String DECIDE_COMPENSATION = "DecideCompensation";
    public static final String RECORD_COMPENSATION = "RecordCompensation";
    public static final String END = "End_CustomersFollowedUp";

    private Elements() {
    }
  }

  private CustomerFollowUpProcess() {
  }
}
