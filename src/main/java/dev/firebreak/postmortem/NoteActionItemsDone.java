package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Every action item of the post-mortem is done: the follow-up is complete. */
@Component("noteActionItemsDone")
class NoteActionItemsDone implements JavaDelegate {

  private final Postmortems postmortems;
  private final Incidents incidents;

  NoteActionItemsDone(Postmortems postmortems, Incidents incidents) {
    this.postmortems = postmortems;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    int count = postmortems.actionItems(key).size();
    incidents.note(key, null, TimelineEntry.Kind.POSTMORTEM, incidents.words().get("actionItems.allDone", count),
        Map.of("actionItems", count));
  }
}
