package dev.firebreak.recovery;

import static dev.firebreak.platform.process.ProcessVariable.bool;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.Answer;
import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;

/** The contract of processes/recovery.bpmn, called by the incident process. */
public final class RecoveryProcess {

  public static final String ID = "recovery";
  public static final String MESSAGE_DEPLOYMENT_FINISHED = "DeploymentFinished";
  /** The follow-up process after an Argo CD rollback (processes/auto-sync-follow-up.bpmn). */
  public static final String AUTO_SYNC_FOLLOW_UP_ID = AutoSyncFollowUpProcess.ID;

  // Diagnose and choose recovery
  public static final ProcessVariable<String> DIAGNOSIS = string("diagnosis");
  public static final ChoiceVariable<RecoveryStrategy> RECOVERY_STRATEGY = ChoiceVariable.of("recoveryStrategy", RecoveryStrategy.class);
  public static final ProcessVariable<String> TARGET_VERSION = string("targetVersion");
  public static final ProcessVariable<Boolean> DATABASE_CHANGED = bool("databaseChanged");
  public static final ProcessVariable<String> HOTFIX_REFERENCE = string("hotfixReference");
  /**
   * The strategies offered on Diagnose and choose recovery (the form's valuesKey: a Json list of
   * {label, value}), set by Firebreak when the task is created: "abort the canary" only while the
   * service's Argo CD application has an Argo Rollouts Rollout.
   */
  public static final String RECOVERY_STRATEGY_OPTIONS = "recoveryStrategyOptions";
  /** The Rollout that "abort the canary" aborts ({@code namespace/name}), set with the options; unset when none. */
  public static final ProcessVariable<String> CANARY_ROLLOUT = string("canaryRollout");
  /**
   * Who completed Diagnose and choose recovery, i.e. asked for the rollback or put the hotfix forward:
   * written by Firebreak (platform.security.FourEyes, the task's firebreak.recordCompleterAs property),
   * never by a form; Approve rollback and Expedited code review refuse this user (four eyes).
   */
  public static final ProcessVariable<String> RECOVERY_REQUESTED_BY = string("recoveryRequestedBy");

  // Approve rollback
  public static final ChoiceVariable<Approval> ROLLBACK_DECISION = ChoiceVariable.of("rollbackDecision", Approval.class);
  public static final ProcessVariable<String> ROLLBACK_DECISION_REASON = string("rollbackDecisionReason");

  // Expedited code review
  public static final ChoiceVariable<Approval> REVIEW_DECISION = ChoiceVariable.of("reviewDecision", Approval.class);
  public static final ProcessVariable<String> REVIEW_NOTES = string("reviewNotes");
  /**
   * The hotfix's pull request (number, title, link, head sha, author) as GitHub reports it, read when
   * Expedited code review is created; a note instead when it cannot be read. Never an answer.
   */
  public static final ProcessVariable<String> HOTFIX_PULL_REQUEST = string("hotfixPullRequest");
  /** The pull request's check runs, one line each: name, status, conclusion. */
  public static final ProcessVariable<String> HOTFIX_CHECKS = string("hotfixChecks");

  // deployment requests, the DeploymentFinished callback and Confirm deployment
  public static final ProcessVariable<String> DEPLOYMENT_REFERENCE = string("deploymentReference");
  public static final ProcessVariable<Boolean> DEPLOYMENT_CALLBACK_EXPECTED = bool("deploymentCallbackExpected");
  public static final ChoiceVariable<DeploymentOutcome> DEPLOYMENT_OUTCOME = ChoiceVariable.of("deploymentOutcome", DeploymentOutcome.class);
  /** What the person confirming should see about the deployment, reported by the deploy tool; an answer. */
  public static final ProcessVariable<String> DEPLOYMENT_DETAILS = string("deploymentDetails");
  /** What the deploy tool asks a person to do (e.g. run it by hand); shown on Confirm deployment as text, never as an answer. */
  public static final ProcessVariable<String> DEPLOYMENT_INSTRUCTIONS = string("deploymentInstructions");
  /** The tool refused the rollback (Argo CD under auto-sync): a person reverts the change in Git (*Revert in Git*). */
  public static final ProcessVariable<Boolean> REVERT_IN_GIT = bool("revertInGit");
  /** The revision the deployment goes to (Argo CD), shown on *Revert in Git*. */
  public static final ProcessVariable<String> DEPLOYMENT_REVISION = string("deploymentRevision");
  /** Written by the polling backstop (*Check deployment*): the deployment has an outcome (or timed out). */
  public static final ProcessVariable<Boolean> DEPLOYMENT_FINISHED = bool("deploymentFinished");
  /** What a person must do after an Argo CD rollback (revert in Git, re-enable auto-sync); read by the follow-up. */
  public static final ProcessVariable<String> DEPLOYMENT_FOLLOW_UP = string("deploymentFollowUp");

  // Revert in Git
  public static final ProcessVariable<String> REVERT_COMMIT = string("revertCommit");

  // Restore database and check data consistency
  public static final ProcessVariable<String> RESTORED_FROM = string("restoredFrom");
  /** What was restored (databases, tables, time range). */
  public static final ProcessVariable<String> RESTORED_SCOPE = string("restoredScope");
  /** A list of {check, result (passed/failed), evidence}, submitted by the form's dynamic list as Json. */
  public static final String CONSISTENCY_CHECKS = "consistencyChecks";
  public static final ChoiceVariable<Answer> DATA_CONSISTENT = ChoiceVariable.of("dataConsistent", Answer.class);
  public static final ProcessVariable<String> CONSISTENCY_NOTES = string("consistencyNotes");

  // Verify recovery
  public static final ChoiceVariable<Answer> RECOVERY_VERIFIED = ChoiceVariable.of("recoveryVerified", Answer.class);
  public static final ProcessVariable<String> VERIFICATION_NOTES = string("verificationNotes");

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    public static final String DIAGNOSE_AND_CHOOSE = "DiagnoseAndChooseRecovery";
    public static final String APPROVE_ROLLBACK = "ApproveRollback";
    public static final String REQUEST_ROLLBACK = "RequestRollback";
    public static final String EXPEDITED_CODE_REVIEW = "ExpeditedCodeReview";
    public static final String REQUEST_HOTFIX_DEPLOYMENT = "RequestHotfixDeployment";
    public static final String WAIT_FOR_DEPLOYMENT = "WaitForDeployment";
    public static final String POLL_DEPLOYMENT = "PollDeployment";
    public static final String CHECK_DEPLOYMENT = "CheckDeployment";
    public static final String REVERT_IN_GIT = "RevertInGit";
    public static final String RECORD_DEPLOYMENT_OUTCOME = "RecordDeploymentOutcome";
    public static final String CONFIRM_DEPLOYMENT = "ConfirmDeployment";
    public static final String RESTORE_DATABASE = "RestoreDatabase";
    public static final String VERIFY_RECOVERY = "VerifyRecovery";
    public static final String RECORD_CONSISTENCY_CHECKS = "RecordConsistencyChecks";
    public static final String ABORT_CANARY = "AbortCanary";

    private Elements() {
    }
  }

  private RecoveryProcess() {
  }
}
