package dev.firebreak.postmortem;

import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;

/**
 * The contract of processes/approve-report-correction.bpmn: someone who worked the incident proposed
 * a correction of one written text of its published report ({@code POST /api/incidents/{key}/report/corrections});
 * an incident manager other than the proposer approves it (the report is re-published with it) or
 * rejects it with a reason. Business key = the incident key.
 */
public final class ReportCorrectionProcess {

  public static final String ID = "approve-report-correction";

  /** The correction's id (its row of {@code report_correction}), as text. */
  public static final ProcessVariable<String> CORRECTION_ID = string("reportCorrectionId");
  /** The section as people read it ("5. Root cause"). */
  public static final ProcessVariable<String> SECTION = string("reportCorrectionSection");
  /** The section's text in the report when the correction was proposed. */
  public static final ProcessVariable<String> CURRENT_TEXT = string("reportCorrectionCurrentText");
  /** The proposed new text. */
  public static final ProcessVariable<String> TEXT = string("reportCorrectionText");
  /** Why the proposer asks for it. */
  public static final ProcessVariable<String> REASON = string("reportCorrectionReason");
  /** Who proposed it (a user id); never the one who approves it (four eyes). */
  public static final ProcessVariable<String> PROPOSED_BY = string("reportCorrectionProposedBy");
  /** The reviewer's answer. */
  public static final ChoiceVariable<Approval> DECISION = ChoiceVariable.of("reportCorrectionDecision", Approval.class);
  public static final ProcessVariable<String> DECISION_REASON = string("reportCorrectionDecisionReason");
  /** Who decided (written by the system as the task completes). */
  public static final ProcessVariable<String> DECIDED_BY = string("reportCorrectionDecidedBy");

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    public static final String APPROVE_CORRECTION = "ApproveReportCorrection";
    public static final String PUBLISH_CORRECTED_REPORT = "PublishCorrectedReport";
    public static final String RECORD_REJECTION = "RecordRejectedCorrection";
    public static final String END_CORRECTED = "End_ReportCorrected";
    public static final String END_REJECTED = "End_CorrectionRejected";

    private Elements() {
    }
  }

  private ReportCorrectionProcess() {
  }
}
