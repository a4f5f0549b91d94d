package dev.firebreak.lifecycle;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A proposed lifecycle change as the API shows it, with its timeline. */
public record LifecycleChange(String id, String status, String summary, List<String> files, String proposedBy,
    OffsetDateTime proposedAt, String processInstanceId, OffsetDateTime checkedAt, Boolean checkPassed, List<String> problems,
    String decisionDiff, String decidedBy, OffsetDateTime decidedAt, String decisionReason, String deploymentId,
    OffsetDateTime deployedAt, String backtest) {

  public static final String PROPOSED = "proposed";
  public static final String IN_REVIEW = "in-review";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final String DEPLOYED = "deployed";

  /** One step of the change: proposed, checked, approved or rejected, deployed — who and when. */
  public record Step(String step, String by, OffsetDateTime at, String detail) {
  }

  public List<Step> timeline() {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(PROPOSED, proposedBy, proposedAt, summary));
    if (checkPassed != null) {
      steps.add(new Step("checked", null, checkedAt, checkPassed ? "the model check found no problem"
          : "the model check found " + problems.size() + " problem(s)"));
    }
    if (decidedAt != null) {
      boolean rejected = REJECTED.equals(status);
      steps.add(new Step(rejected ? REJECTED : APPROVED, decidedBy, decidedAt, decisionReason));
    }
    if (deployedAt != null) {
      steps.add(new Step(DEPLOYED, null, deployedAt, "deployment " + deploymentId));
    }
    return steps;
  }
}
