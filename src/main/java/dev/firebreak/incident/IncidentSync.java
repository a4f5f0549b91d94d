package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.process.Coded;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Copies the classification the process holds (type, impact, severity, level, commander) to the
 * record: after a decision ({@link ApplyDecision}), a severity override, and the completion of every
 * user task ({@link IncidentRecordPlugin} adds it), since triage may change any of them.
 */
@Component
class IncidentSync implements TaskListener {

  /** The variables the record takes (the rest of the process's variables are the process's own). */
  static final java.util.Set<String> RECORD_FIELDS = java.util.Set.of(IncidentProcess.INCIDENT_TYPE.name(),
      IncidentProcess.IMPACT_SCOPE.name(), IncidentProcess.SEVERITY.name(), IncidentProcess.ESCALATION_LEVEL.name(),
      IncidentProcess.COMMANDER.name());

  private final Incidents incidents;

  IncidentSync(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void notify(DelegateTask task) {
    sync(task.getExecution());
  }

  /** Does nothing outside an incident (e.g. a drill's own tasks). */
  void sync(VariableScope scope) {
    String key = INCIDENT_KEY.get(scope);
    if (!incidents.exists(key)) {
      return;
    }
    incidents.classify(key,
        INCIDENT_TYPE.get(scope).map(Coded::code).orElse(null),
        IMPACT_SCOPE.get(scope).map(Coded::code).orElse(null),
        SEVERITY.get(scope).map(Coded::code).orElse(null),
        ESCALATION_LEVEL.get(scope),
        blankToNull(COMMANDER.get(scope)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
