package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.process.SystemCorrelation;
import dev.firebreak.platform.web.FieldChecks;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/** A responder or incident manager asks for a higher level by hand, with a reason. */
@Service
public class EscalationRequests {

  /** The caller's role may not ask for escalation. */
  public static class NotAllowed extends RuntimeException {
    NotAllowed() {
      super("Only responders and incident managers can ask for escalation");
    }
  }

  /** The incident is no longer being responded to. */
  public static class NotOpen extends RuntimeException {
    NotOpen(String key) {
      super("Incident " + key + " is no longer being responded to (resolved, closed or dismissed); "
          + "it cannot be escalated");
    }
  }

  private final Incidents incidents;
  private final RuntimeService runtime;
  private final IdentityService identity;

  EscalationRequests(Incidents incidents, @Lazy RuntimeService runtime, @Lazy IdentityService identity) {
    this.incidents = incidents;
    this.runtime = runtime;
    this.identity = identity;
  }

  /** Checks the request and hands it to the incident's process; nothing happens when a check fails. */
  public void ask(String key, Integer level, String reason, Authentication user) {
    if (!Groups.steersResponse(user)) {
      throw new NotAllowed();
    }
    IncidentRecord incident = incidents.require(key);
    FieldChecks checks = new FieldChecks().required("reason", reason, 1000);
    if (level == null) {
      checks.add("level", "is required (2: the service team, 3: leadership)");
    } else {
      checks.range("level", level, 2, EscalationLevels.HIGHEST)
          .check(level > incident.escalationLevel(), "level",
              "must be above the current level " + incident.escalationLevel());
    }
    checks.throwIfAny();
    correlate(key, level, reason.trim(), user.getName());
  }

  /**
   * Responders may not change process instances through the engine (that would open Camunda's REST
   * API to them); the role check above is the authorization for this one message.
   */
  private void correlate(String key, int level, String reason, String by) {
    try {
      SystemCorrelation.run(identity, () -> runtime.createMessageCorrelation(MESSAGE_ESCALATION_REQUESTED)
          .processInstanceBusinessKey(key)
          .setVariable(ESCALATION_REQUEST_LEVEL.name(), level)
          .setVariable(ESCALATION_REQUEST_REASON.name(), reason)
          .setVariable(ESCALATION_REQUESTED_BY.name(), by)
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new NotOpen(key);
    }
  }
}
