package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationVariables.*;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentSync;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Raises the incident to the recommended level. */
@Component("escalateIncident")
class EscalateIncident implements JavaDelegate {

  private final Incidents incidents;
  private final IncidentSync sync;

  EscalateIncident(Incidents incidents, IncidentSync sync) {
    this.incidents = incidents;
    this.sync = sync;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int from = ESCALATION_LEVEL.getOrDefault(execution, 1);
    int to = RECOMMENDED_LEVEL.require(execution);
    ESCALATION_LEVEL.set(execution, to);
    sync.sync(execution);
    incidents.note(IncidentProcess.INCIDENT_KEY.require(execution), null, TimelineEntry.Kind.ESCALATION,
        "Escalated from level " + from + " to level " + to, Map.of("from", from, "to", to));
  }
}
