package dev.firebreak.audit;

import dev.firebreak.platform.identity.Groups;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/incidents/{key}/audit}: the auditor's evidence of an incident as JSON
 * ({@code ?download=true} as a file), or {@code text/csv} (Accept or {@code ?format=csv}), for
 * auditors, incident managers and administrators; everyone else gets 403. Read only.
 */
@RestController
class AuditController {

  static final Set<String> READERS = Set.of(Groups.AUDITORS, Groups.INCIDENT_MANAGERS, Groups.CAMUNDA_ADMIN);

  private final IncidentAudit audit;

  AuditController(IncidentAudit audit) {
    this.audit = audit;
  }

  @GetMapping(path = "/api/incidents/{key}/audit", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
  ResponseEntity<?> evidence(@PathVariable String key, @RequestParam(required = false) String format,
      @RequestParam(defaultValue = "false") boolean download,
      @org.springframework.web.bind.annotation.RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      Authentication user) {
    requireReader(user);
    Map<String, Object> evidence = audit.evidence(key);
    boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.startsWith("text/csv"));
    if (csv) {
      return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + key + "-audit.csv\"")
          .body(AuditCsv.of(evidence));
    }
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
    if (download) {
      ok.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + key + "-audit.json\"");
    }
    return ok.body(evidence);
  }

  static void requireReader(Authentication user) {
    List<String> groups = Groups.of(user);
    if (groups.stream().noneMatch(READERS::contains)) {
      throw new AuthorizationException((user == null ? "Nobody" : user.getName())
          + " may not read audit evidence: auditors, incident managers and administrators do");
    }
  }
}
