package dev.firebreak.recovery;

import static dev.firebreak.recovery.RecoveryProcess.HOTFIX_CHECKS;
import static dev.firebreak.recovery.RecoveryProcess.HOTFIX_PULL_REQUEST;
import static dev.firebreak.recovery.RecoveryProcess.HOTFIX_REFERENCE;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.i18n.Texts;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Expedited code review is created: the hotfix's pull request (number, title, link, head sha, author)
 * and its check runs with status and conclusion, as the service's code host reports them
 * ({@link RecoveryProcess#HOTFIX_PULL_REQUEST}, {@link RecoveryProcess#HOTFIX_CHECKS}). A read that fails
 * never blocks the task: the reviewer sees a note instead.
 */
@Component("showHotfixPullRequest")
class ShowHotfixPullRequest implements TaskListener {

  private final DeployTools tools;
  private final Texts texts;

  ShowHotfixPullRequest(DeployTools tools, Texts texts) {
    this.tools = tools;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    String service = IncidentProcess.SERVICE.get(task.getExecution());
    String ref = HOTFIX_REFERENCE.get(task.getExecution());
    Optional<HotfixChange> change;
    try {
      change = service == null || ref == null || ref.isBlank() ? Optional.empty()
          : tools.forService(service).change(tools.target(service), ref);
    } catch (RuntimeException unreadable) {
      HOTFIX_PULL_REQUEST.set(task.getExecution(), texts.get("recovery.hotfix.unreadable", ref, unreadable.getMessage()));
      task.getExecution().removeVariable(HOTFIX_CHECKS.name());
      return;
    }
    if (change.isEmpty()) {
      HOTFIX_PULL_REQUEST.set(task.getExecution(), texts.get("recovery.hotfix.none", String.valueOf(ref)));
      task.getExecution().removeVariable(HOTFIX_CHECKS.name());
      return;
    }
    HOTFIX_PULL_REQUEST.set(task.getExecution(), pullRequest(change.get()));
    HOTFIX_CHECKS.set(task.getExecution(), checks(change.get()));
  }

  /** "#42 Fix null check in search — by octo\nhttps://…/pull/42\nhead 1a2b3c4…". */
  String pullRequest(HotfixChange change) {
    return texts.get("recovery.hotfix.pullRequest", String.valueOf(change.number()), change.title(), change.author(),
        change.url(), change.headSha());
  }

  /** One line per check run: "build: completed, success"; a note when there is none. */
  String checks(HotfixChange change) {
    if (change.checks().isEmpty()) {
      return texts.get("recovery.hotfix.noChecks", change.headSha());
    }
    StringBuilder text = new StringBuilder();
    for (HotfixChange.Check check : change.checks()) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(check.name()).append(": ").append(check.status());
      if (check.conclusion() != null) {
        text.append(", ").append(check.conclusion());
      }
    }
    return text.toString();
  }
}
