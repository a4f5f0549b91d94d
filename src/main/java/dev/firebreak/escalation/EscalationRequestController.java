package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationVariables.*;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.platform.web.FieldChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A responder asks for escalation by hand: POST /api/incidents/{key}/escalation {level, reason}. */
@RestController
class EscalationRequestController {

  private final Incidents incidents;
  private final RuntimeService runtime;
  private final IdentityService identity;

  EscalationRequestController(Incidents incidents, @Lazy RuntimeService runtime, @Lazy IdentityService identity) {
    this.incidents = incidents;
    this.runtime = runtime;
    this.identity = identity;
  }

  record EscalationRequest(Integer level, String reason) {
  }

  @PostMapping("/api/incidents/{key}/escalation")
  ResponseEntity<?> request(@PathVariable String key, @RequestBody(required = false) EscalationRequest request,
      Authentication user) {
    if (!mayAsk(user)) {
      return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed",
          "Only responders and incident managers can ask for escalation");
    }
    IncidentRecord incident = incidents.require(key);
    Integer level = request == null ? null : request.level();
    String reason = request == null ? null : request.reason();
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("incidentKey", key);
    body.put("requestedLevel", level);
    body.put("approvalRequired", EscalationLevels.needsApproval(level));
    return ResponseEntity.accepted().body(body);
  }

  /**
   * Responders may not change process instances through the engine (that would open Camunda's REST
   * API to them); the group check above is the authorization for this one message.
   */
  private void correlate(String key, int level, String reason, String by) {
    org.camunda.bpm.engine.impl.identity.Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      runtime.createMessageCorrelation(MESSAGE_ESCALATION_REQUESTED)
          .processInstanceBusinessKey(key)
          .setVariable(ESCALATION_REQUEST_LEVEL.name(), level)
          .setVariable(ESCALATION_REQUEST_REASON.name(), reason)
          .setVariable(ESCALATION_REQUESTED_BY.name(), by)
          .correlateWithResult();
    } finally {
      identity.setAuthentication(current);
    }
  }

  @ExceptionHandler(MismatchingMessageCorrelationException.class)
  ResponseEntity<ProblemDetail> notOpen(MismatchingMessageCorrelationException e) {
    return ApiProblems.problem(HttpStatus.CONFLICT, "Incident not open",
        "The incident is no longer being responded to (resolved, closed or dismissed); it cannot be escalated");
  }

  private static boolean mayAsk(Authentication user) {
    return user.getAuthorities().stream().map(Object::toString).anyMatch(a -> a.equals("GROUP_" + Groups.RESPONDERS)
        || a.equals("GROUP_" + Groups.INCIDENT_MANAGERS) || a.equals("GROUP_" + Groups.CAMUNDA_ADMIN));
  }
}
