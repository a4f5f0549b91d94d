package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.tracking.TrackedIssue;
import dev.firebreak.tracking.Tracking;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One action item of the post-mortem: stored, and an issue opened for it once and linked to the
 * incident's issue (a retry finds the stored key, or the issue by its label, and an existing link).
 */
@Component("createActionItem")
class CreateActionItem implements JavaDelegate {

  private final Postmortems postmortems;
  private final Tracking tracking;

  CreateActionItem(Postmortems postmortems, Tracking tracking) {
    this.postmortems = postmortems;
    this.tracking = tracking;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    int index = ((Number) execution.getVariable("loopCounter")).intValue();
    if (postmortems.actionItem(key, index).isPresent()) {
      return;
    }
    Map<String, Object> item = PostmortemProcess.ACTION_ITEM.require(execution);
    String title = String.valueOf(item.get("title"));
    String owner = item.get("owner") == null ? null : item.get("owner").toString();
    String due = item.get("dueDate") == null ? null : item.get("dueDate").toString();
    TrackedIssue issue = tracking.openActionItem(key, index, title, owner, due);
    postmortems.saveActionItem(new Postmortems.ActionItem(key, index, title, owner, due, issue.key(), "open"));
  }
}
