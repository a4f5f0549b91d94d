package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.tracking.Tracking;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** An action item passed its due date while open: said on the timeline and on its issue (once). */
@Component("remindActionItemOwner")
class RemindActionItemOwner implements JavaDelegate {

  private final Postmortems postmortems;
  private final Incidents incidents;
  private final Tracking tracking;

  RemindActionItemOwner(Postmortems postmortems, Incidents incidents, Tracking tracking) {
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.tracking = tracking;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    String issue = ActionItemFollowUpProcess.ACTION_ITEM_KEY.require(execution);
    Postmortems.ActionItem item = postmortems.actionItemTrackedBy(issue).orElse(null);
    if (item == null || Postmortems.DONE.equals(item.status())) {
      return;
    }
    String text = incidents.words().get("actionItem.overdue", key, item.title(), item.owner(), item.dueDate());
    if (!incidents.timeline(key).stream().anyMatch(e -> text.equals(e.summary()))) {
      incidents.note(key, null, TimelineEntry.Kind.POSTMORTEM, text, Map.of("issue", issue));
    }
    tracking.commentOnIssue(key, issue, text);
  }
}
