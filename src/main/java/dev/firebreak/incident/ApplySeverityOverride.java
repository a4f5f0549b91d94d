package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.process.EngineAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Triage overrode the severity the DMN decided: the override wins, and the record says why. The
 * diagram then plans the notifications again for the new severity (and moves the status updates).
 */
@Component("applySeverityOverride")
class ApplySeverityOverride implements JavaDelegate {

  private final Incidents incidents;
  private final IncidentSync sync;

  ApplySeverityOverride(Incidents incidents, IncidentSync sync) {
    this.incidents = incidents;
    this.sync = sync;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String actor = EngineAccess.currentUser();
    apply(execution, SEVERITY_OVERRIDE.require(execution), SEVERITY_OVERRIDE_REASON.require(execution), actor,
        "severity.overridden");
  }

  /**
   * Sets the severity and its reason, brings the record up to date and notes it on the timeline in
   * the timeline's words {@code words} ({@code <words>}, {@code <words>.reason[.by]}).
   */
  void apply(DelegateExecution execution, Severity severity, String reason, String actor, String words) {
    String decided = SEVERITY.get(execution).map(Coded::code).orElse("none");
    SEVERITY.set(execution, severity);
    SEVERITY_REASON.set(execution, actor == null ? incidents.words().get(words + ".reason", reason)
        : incidents.words().get(words + ".reason.by", actor, reason));
    sync.sync(execution);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decided", decided);
    details.put("override", severity.code());
    details.put("reason", reason);
    incidents.note(INCIDENT_KEY.require(execution), actor, TimelineEntry.Kind.SEVERITY,
        incidents.words().get(words, decided, severity.code(), reason), details);
  }
}
