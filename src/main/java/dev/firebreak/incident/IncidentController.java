package dev.firebreak.incident;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.ApiProblems;
import dev.firebreak.platform.web.FieldChecks;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** /api/incidents: declare, list, read, and add a responder's note. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

  private final IncidentDeclarations declarations;
  private final Incidents incidents;

  IncidentController(IncidentDeclarations declarations, Incidents incidents) {
    this.declarations = declarations;
    this.incidents = incidents;
  }

  @PostMapping
  ResponseEntity<IncidentView> declare(@RequestBody(required = false) DeclareIncidentRequest request) {
    String key = declarations.declare(request);
    return ResponseEntity.created(URI.create("/api/incidents/" + key)).body(view(key));
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
    incidents.note(key, principal.getName(), TimelineEntry.Kind.NOTE, text.trim(), null);
    return ResponseEntity.status(201).body(Map.of("incidentKey", key, "text", text.trim()));
  }

  private IncidentView view(String key) {
    return new IncidentView(incidents.require(key), incidents.links(key), incidents.timeline(key));
  }

  record NoteRequest(String text) {
  }

  record IncidentView(IncidentRecord incident, List<IncidentLink> links, List<TimelineEntry> timeline) {
  }
}
