package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
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

  EscalateIncident(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    // the record holds the level in force: another escalation of the same incident may have moved it
    int from = incidents.find(key).map(IncidentRecord::escalationLevel).orElse(ESCALATION_LEVEL.getOrDefault(execution, 1));
    int to = RECOMMENDED_LEVEL.require(execution);
    if (to <= from) {
      ESCALATION_LEVEL.set(execution, from);
      incidents.note(key, null, TimelineEntry.Kind.ESCALATION, incidents.words().get("escalation.unchanged", from, to), Map.of("from", from, "to", to));
      return;
    }
    setOnIncident(execution, ESCALATION_LEVEL, to);
    incidents.classify(key, null, null, null, to, null);
    incidents.note(key, null, TimelineEntry.Kind.ESCALATION,
        incidents.words().get("escalation.escalated", from, to), Map.of("from", from, "to", to));
  }
}
