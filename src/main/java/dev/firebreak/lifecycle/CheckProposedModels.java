package dev.firebreak.lifecycle;

import static dev.firebreak.lifecycle.LifecycleChangeProcess.*;

import dev.firebreak.platform.process.EngineAccess;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Runs the model check and the decision diff on the proposed files; the reviewer sees both. */
@Component("checkProposedModels")
class CheckProposedModels implements JavaDelegate {

  /** Camunda keeps a string variable in 4000 characters; the API has the whole text. */
  static final int SHOWN = 3800;

  private final LifecycleChanges changes;

  CheckProposedModels(LifecycleChanges changes) {
    this.changes = changes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = execution.getProcessBusinessKey();
    LifecycleChanges.CheckOutcome outcome = EngineAccess.withoutAuthorization(() -> changes.check(id));
    List<String> problems = outcome.problems().stream().map(ModelCheck.Problem::toString).toList();
    CHECK_PASSED.set(execution, outcome.passed());
    CHECK_RESULT.set(execution, clip(outcome.passed() ? "No problem found." : problems.size()
        + " problem(s) found; this change cannot be approved:\n" + String.join("\n", problems)));
    DECISION_DIFF.set(execution, clip(outcome.decisionDiff().isEmpty() ? "No decision table is changed."
        : outcome.decisionDiff()));
    BACKTEST.set(execution, clip(outcome.backtest() == null || outcome.backtest().isEmpty()
        ? "No deployed decision table is changed: nothing to backtest." : outcome.backtest()));
  }

  static String clip(String text) {
    return text.length() <= SHOWN ? text
        : text.substring(0, SHOWN) + "\n… (clipped; GET /api/lifecycle/changes/{id} shows all of it)";
  }
}
