package dev.firebreak.incident;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.platform.web.FieldChecks;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** /api/incidents: declare, list, read, and add a responder's note. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final URI KEY_REUSED = URI.create("https://firebreak.dev/problems/idempotency-key-reused");

  private final IncidentDeclarations declarations;
  private final Incidents incidents;

  IncidentController(IncidentDeclarations declarations, Incidents incidents) {
    this.declarations = declarations;
    this.incidents = incidents;
  }

  /**
   * 201 with the new incident; with an Idempotency-Key, a retry of the same body (same user, within
   * 24 h) answers 201 with that incident again (header Idempotent-Replayed: true), another body 422.
   */
  @PostMapping
  ResponseEntity<IncidentView> declare(@RequestBody(required = false) DeclareIncidentRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Authentication principal) {
    IncidentDeclarations.Declared declared = declarations.declare(request, idempotencyKey, principal.getName());
    ResponseEntity.BodyBuilder answer = ResponseEntity.created(URI.create("/api/incidents/" + declared.incidentKey()));
    if (declared.replayed()) {
      answer.header("Idempotent-Replayed", "true");
    }
    return answer.body(view(declared.incidentKey()));
  }

  @ExceptionHandler(IncidentDeclarations.KeyReusedException.class)
  ResponseEntity<ProblemDetail> keyReused(IncidentDeclarations.KeyReusedException e) {
    ResponseEntity<ProblemDetail> problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY,
        "Idempotency-Key reused", e.getMessage());
    problem.getBody().setType(KEY_REUSED);
    problem.getBody().setProperty("incidentKey", e.incidentKey());
    return problem;
  }

  @GetMapping
  List<IncidentRecord> list(@RequestParam(required = false) String status,
      @RequestParam(required = false) String severity, @RequestParam(required = false) String service) {
    FieldChecks checks = new FieldChecks();
    if (status != null) {
      checks.oneOf("status", status, IncidentStatus.class, false);
    }
    if (severity != null) {
      checks.oneOf("severity", severity, Severity.class, false);
    }
    checks.throwIfAny();
    return incidents.list(new IncidentFilter(status, severity, service));
  }

  @GetMapping("/{key}")
  IncidentView read(@PathVariable String key) {
    return view(key);
  }

  @PostMapping("/{key}/timeline")
  ResponseEntity<?> note(@PathVariable String key,
      @RequestBody(required = false) NoteRequest request, Authentication principal) {
    incidents.require(key);
    if (Groups.of(principal).stream().noneMatch(Groups::worksIncidents)) {
      return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed", "Auditors and process owners read incidents; "
          + "only the people working an incident write on its timeline");
    }
    String text = request == null ? null : request.text();
    new FieldChecks().required("text", text, 1000).throwIfAny();
    TimelineEntry entry = incidents.addNote(key, principal.getName(), text);
    return ResponseEntity.status(201).body(Map.of("incidentKey", key, "text", entry.summary(),
        "at", entry.occurredAt(), "recordedAt", entry.recordedAt()));
  }

  private IncidentView view(String key) {
    return new IncidentView(incidents.require(key), incidents.links(key), incidents.timeline(key));
  }

  record NoteRequest(String text) {
  }

  record IncidentView(IncidentRecord incident, List<IncidentLink> links, List<TimelineEntry> timeline) {
  }
}
