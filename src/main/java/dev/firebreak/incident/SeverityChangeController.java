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

/** A later change of severity: {@code POST /api/incidents/{key}/severity} {@code {"severity", "reason"}}. */
@RestController
class SeverityChangeController {

  private final SeverityChanges changes;

  SeverityChangeController(SeverityChanges changes) {
    this.changes = changes;
  }

  record SeverityChangeRequest(String severity, String reason) {
  }

  @PostMapping("/api/incidents/{key}/severity")
  ResponseEntity<Map<String, Object>> change(@PathVariable String key,
      @RequestBody(required = false) SeverityChangeRequest request, Authentication user) {
    Severity severity = changes.change(key, request == null ? null : request.severity(),
        request == null ? null : request.reason(), user);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("incidentKey", key);
    body.put("severity", severity.code());
    return ResponseEntity.accepted().body(body);
  }

  @ExceptionHandler(SeverityChanges.NotOpen.class)
  ResponseEntity<ProblemDetail> notOpen(SeverityChanges.NotOpen e) {
    return ApiProblems.problem(HttpStatus.CONFLICT, "Incident not open", e.getMessage());
  }

  @ExceptionHandler(SeverityChanges.NotAllowed.class)
  ResponseEntity<ProblemDetail> notAllowed(SeverityChanges.NotAllowed e) {
    return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
  }
}
