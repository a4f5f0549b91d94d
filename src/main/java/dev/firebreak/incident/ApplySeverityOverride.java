package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.process.EngineAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Triage overrode the severity the DMN decided: the override wins, and the record says why. */
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
    String decided = SEVERITY.get(execution).map(Coded::code).orElse("none");
    Severity override = SEVERITY_OVERRIDE.require(execution);
    String reason = SEVERITY_OVERRIDE_REASON.require(execution);
    String actor = EngineAccess.currentUser();
    SEVERITY.set(execution, override);
    SEVERITY_REASON.set(execution, "Overridden at triage" + (actor == null ? "" : " by " + actor) + ": " + reason);
    sync.sync(execution);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decided", decided);
    details.put("override", override.code());
    details.put("reason", reason);
    incidents.note(INCIDENT_KEY.require(execution), actor, TimelineEntry.Kind.SEVERITY,
        "Severity overridden: " + decided + " → " + override.code() + " (" + reason + ")", details);
  }
}
