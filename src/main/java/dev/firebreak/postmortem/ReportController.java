package dev.firebreak.postmortem;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.web.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The published incident report, as Markdown. */
@RestController
class ReportController {

  private final Postmortems postmortems;
  private final Incidents incidents;

  ReportController(Postmortems postmortems, Incidents incidents) {
    this.postmortems = postmortems;
    this.incidents = incidents;
  }

  @GetMapping("/api/incidents/{key}/report")
  ResponseEntity<?> report(@PathVariable String key) {
    incidents.require(key);
    return postmortems.report(key)
        .<ResponseEntity<?>>map(markdown -> ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8")).body(markdown))
        .orElseGet(() -> ApiProblems.problem(HttpStatus.NOT_FOUND, "No report yet",
            "Incident " + key + " has no published report yet: it is published when its post-mortem is approved."));
  }
}
