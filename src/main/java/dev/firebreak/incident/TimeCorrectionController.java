package dev.firebreak.incident;

import dev.firebreak.platform.web.ApiProblems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/incidents/{key}/times} {@code {"impactStartedAt"?, "mitigatedAt"?, "resolvedAt"?, "reason"}}:
 * an incident commander corrects the times the KPIs measure from (docs/kpis.md).
 */
@RestController
class TimeCorrectionController {

  private final TimeCorrections corrections;

  TimeCorrectionController(TimeCorrections corrections) {
    this.corrections = corrections;
  }

  @PostMapping("/api/incidents/{key}/times")
  Map<String, Object> correct(@PathVariable String key,
      @RequestBody(required = false) TimeCorrections.Correction correction, Authentication user) {
    IncidentRecord incident = corrections.correct(key, correction, user);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("incidentKey", key);
    body.put("impactStartedAt", incident.impactStartedAt());
    body.put("detectedAt", incident.detectedAt());
    body.put("mitigatedAt", incident.mitigatedAt());
    body.put("resolvedAt", incident.resolvedAt());
    body.put("closedAt", incident.closedAt());
    return body;
  }

  @ExceptionHandler(TimeCorrections.OutOfOrder.class)
  ResponseEntity<ProblemDetail> outOfOrder(TimeCorrections.OutOfOrder e) {
    ResponseEntity<ProblemDetail> problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Times out of order",
        e.getMessage());
    problem.getBody().setProperty("violations", e.violations());
    return problem;
  }

  @ExceptionHandler(TimeCorrections.NotAllowed.class)
  ResponseEntity<ProblemDetail> notAllowed(TimeCorrections.NotAllowed e) {
    return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
  }
}
