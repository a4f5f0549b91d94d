package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A responder or incident manager changed the severity after triage ({@code SeverityChanged}, from
 * {@link SeverityChanges}): the change wins like an override at triage, and the record says who and why.
 */
@Component("applySeverityChange")
class ApplySeverityChange implements JavaDelegate {

  private final ApplySeverityOverride override;

  ApplySeverityChange(ApplySeverityOverride override) {
    this.override = override;
  }

  @Override
  public void execute(DelegateExecution execution) {
    override.apply(execution, SEVERITY_CHANGE.require(execution), SEVERITY_CHANGE_REASON.require(execution),
        SEVERITY_CHANGED_BY.get(execution), "severity.changed");
  }
}
