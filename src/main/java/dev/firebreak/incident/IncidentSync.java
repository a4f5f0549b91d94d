package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;


import dev.firebreak.platform.process.Coded;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** Copies the classification the process holds (type, impact, severity, level, commander) to the record. */
@Component
public class IncidentSync {

  private final Incidents incidents;

  IncidentSync(Incidents incidents) {
    this.incidents = incidents;
  }

  /** Does nothing outside an incident (e.g. a drill's own tasks). */
  public void sync(VariableScope scope) {
    String key = INCIDENT_KEY.get(scope);
    if (key == null || incidents.find(key).isEmpty()) {
      return;
    }
    incidents.classify(key,
        INCIDENT_TYPE.get(scope).map(Coded::code).orElse(null),
        IMPACT_SCOPE.get(scope).map(Coded::code).orElse(null),
        SEVERITY.get(scope).map(Coded::code).orElse(null),
        IncidentProcess.ESCALATION_LEVEL.get(scope),
        blankToNull(COMMANDER.get(scope)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
