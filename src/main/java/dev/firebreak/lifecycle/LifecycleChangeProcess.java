package dev.firebreak.lifecycle;

import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;

/**
 * The contract of processes/review-lifecycle-change.bpmn: a process owner's proposed deployment
 * (processes, decisions, forms) is checked, reviewed by another process owner or an administrator,
 * and only then deployed. The business key is the change's id in {@code lifecycle_change}.
 */
public final class LifecycleChangeProcess {

  public static final String ID = "review-lifecycle-change";

  /** The change's id (the row of {@code lifecycle_change}; also the business key). */
  public static final ProcessVariable<String> CHANGE_ID = ProcessVariable.string("lifecycleChangeId");
  /** Who proposed the change (a user id); never the one who approves it. */
  public static final ProcessVariable<String> PROPOSER = ProcessVariable.string("lifecycleChangeProposer");
  /** The proposer's summary: what changes and why. */
  public static final ProcessVariable<String> SUMMARY = ProcessVariable.string("lifecycleChangeSummary");
  /** The proposed files, one name per line. */
  public static final ProcessVariable<String> FILES = ProcessVariable.string("lifecycleChangeFiles");
  /** True when the model check found no problem: only then can the change be approved. */
  public static final ProcessVariable<Boolean> CHECK_PASSED = ProcessVariable.bool("lifecycleCheckPassed");
  /** The model check's result as text, one problem per line (clipped; the API has all of it). */
  public static final ProcessVariable<String> CHECK_RESULT = ProcessVariable.string("lifecycleCheckResult");
  /** The rule-by-rule diff of the proposed decision tables against the deployed ones (clipped). */
  public static final ProcessVariable<String> DECISION_DIFF = ProcessVariable.string("lifecycleDecisionDiff");
  /**
   * The backtest of the proposed decision tables (clipped): the incidents of the last 90 days whose
   * recorded decision would come out differently with the change.
   */
  public static final ProcessVariable<String> BACKTEST = ProcessVariable.string("lifecycleBacktest");
  /** The reviewer's answer. */
  public static final ChoiceVariable<Approval> DECISION = ChoiceVariable.of("lifecycleChangeDecision", Approval.class);
  public static final ProcessVariable<String> DECISION_REASON = ProcessVariable.string("lifecycleChangeDecisionReason");
  /** The engine's deployment id once deployed. */
  public static final ProcessVariable<String> DEPLOYMENT_ID = ProcessVariable.string("lifecycleDeploymentId");

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    public static final String CHECK_PROPOSED_MODELS = "CheckProposedModels";
    public static final String REVIEW_LIFECYCLE_CHANGE = "ReviewLifecycleChange";
    public static final String DEPLOY_LIFECYCLE_CHANGE = "DeployLifecycleChange";
    public static final String END_DEPLOYED = "End_ChangeDeployed";
    public static final String END_REJECTED = "End_ChangeRejected";

    private Elements() {
    }
  }

  private LifecycleChangeProcess() {
  }
}
