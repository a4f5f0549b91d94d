package dev.firebreak.lifecycle;

import static dev.firebreak.lifecycle.LifecycleChangeProcess.*;

import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.process.EngineAccess;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Holds the review's two rules as the reviewer completes *Review lifecycle change* (an end listener,
 * so the refusal reaches Camunda REST as it is: 403 for four eyes, 400 for an approval of a change
 * whose check failed) and records the decision. A refusal keeps the task open and nothing changes.
 */
@Component("reviewLifecycleChange")
class ReviewLifecycleChange implements ExecutionListener {

  private final LifecycleChanges changes;

  ReviewLifecycleChange(LifecycleChanges changes) {
    this.changes = changes;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    // what a form submission could overwrite (the variables) is not trusted: the change's id is the
    // business key, its proposer and check result are read from lifecycle_change
    String id = execution.getProcessBusinessKey();
    LifecycleChange change = changes.require(id);
    String proposer = change.proposedBy();
    String reviewer = EngineAccess.currentUser();
    Approval decision = DECISION.require(execution);
    if (reviewer == null || reviewer.equals(proposer)) {
      throw new AuthorizationException((reviewer == null ? "Nobody signed in" : reviewer)
          + " cannot review lifecycle change " + id + ": it was proposed by " + proposer
          + ", and another process owner or an administrator reviews it (four eyes)");
    }
    if (decision == Approval.APPROVE && !Boolean.TRUE.equals(change.checkPassed())) {
      throw new FormFieldValidationException(DECISION.name(), "Lifecycle change " + id
          + " cannot be approved: the model check found problems. Reject it, and propose a corrected change.");
    }
    changes.decided(id, reviewer, decision, DECISION_REASON.get(execution));
  }
}
