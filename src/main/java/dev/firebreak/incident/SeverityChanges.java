package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.process.SystemCorrelation;
import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.web.FieldChecks;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * A responder or incident manager changes the severity of an incident being responded to, with a
 * reason: {@code SeverityChanged} is correlated, and the incident re-plans (notification plan,
 * status-update cadence, escalation) and announces the change.
 */
@Service
public class SeverityChanges {

  /** The caller's role may not change the severity. */
  public static class NotAllowed extends RuntimeException {
    NotAllowed() {
      super("Only responders and incident managers can change the severity");
    }
  }

  /** The incident is no longer being responded to. */
  public static class NotOpen extends RuntimeException {
    NotOpen(String key) {
      super("Incident " + key + " is no longer being responded to (resolved, closed or dismissed); "
          + "its severity cannot change");
    }
  }

  private final Incidents incidents;
  private final RuntimeService runtime;
  private final IdentityService identity;

  SeverityChanges(Incidents incidents, @Lazy RuntimeService runtime, @Lazy IdentityService identity) {
    this.incidents = incidents;
    this.runtime = runtime;
    this.identity = identity;
  }

  /** Checks the change and hands it to the incident's process; nothing happens when a check fails. */
  public Severity change(String key, String severity, String reason, Authentication user) {
    if (!Groups.steersResponse(user)) {
      throw new NotAllowed();
    }
    IncidentRecord incident = incidents.require(key);
    FieldChecks checks = new FieldChecks().required("reason", reason, 1000);
    checks.oneOf("severity", severity, Severity.class, true);
    checks.throwIfAny();
    Severity wanted = Coded.fromCode(Severity.class, severity).orElseThrow();
    new FieldChecks().check(wanted != incident.severity(), "severity",
        "must differ from the current severity " + (incident.severity() == null ? "" : incident.severity().code()))
        .throwIfAny();
    if (!incident.status().isOpen()) {
      throw new NotOpen(key);
    }
    correlate(key, wanted, reason.trim(), user.getName());
    return wanted;
  }

  /**
   * Responders may not change process instances through the engine (that would open Camunda's REST
   * API to them); the role check above is the authorization for this one message.
   */
  private void correlate(String key, Severity severity, String reason, String by) {
    try {
      SystemCorrelation.run(identity, () -> runtime.createMessageCorrelation(MESSAGE_SEVERITY_CHANGED)
          .processInstanceBusinessKey(key)
          .setVariable(SEVERITY_CHANGE.name(), severity.code())
          .setVariable(SEVERITY_CHANGE_REASON.name(), reason)
          .setVariable(SEVERITY_CHANGED_BY.name(), by)
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new NotOpen(key);
    }
  }
}
