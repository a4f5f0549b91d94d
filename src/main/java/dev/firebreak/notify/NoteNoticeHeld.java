package dev.firebreak.notify;

import static dev.firebreak.notify.StatusUpdateVariables.HOLD_REASON;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.process.EngineAccess;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Communications chose "hold, don't publish yet" on *Approve public notice*: nothing is published,
 * the timeline says who held it and why (a hold without a reason is refused), and the next tick of
 * the cadence asks again.
 */
@Component("noteNoticeHeld")
class NoteNoticeHeld implements JavaDelegate {

  private final Incidents incidents;

  NoteNoticeHeld(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reason = HOLD_REASON.require(execution).trim();
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    String actor = EngineAccess.currentUser();
    incidents.note(key, actor, TimelineEntry.Kind.NOTIFICATION,
        actor == null ? incidents.words().get("notice.held.nobody", reason) : incidents.words().get("notice.held", actor, reason),
        Map.of("held", true, "holdReason", reason));
  }
}
