package dev.firebreak.imports;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.ApiProblems;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/imports}: past incidents in Firebreak's JSON, PagerDuty's incidents CSV or
 * Opsgenie's alerts CSV (README "Import the past"), for incident managers and administrators.
 * {@code ?dryRun=true} answers what would happen, line by line, and writes nothing; a batch with a
 * refused line writes nothing either (422, problem+json with the lines).
 */
@RestController
class ImportController {

  static final URI REFUSED = URI.create("https://firebreak.dev/problems/import-refused");

  /** The caller may not import. */
  static class NotAllowed extends RuntimeException {
    NotAllowed() {
      super("Importing past incidents is for incident managers and administrators");
    }
  }

  private final Imports imports;

  ImportController(Imports imports) {
    this.imports = imports;
  }

  @PostMapping(path = "/api/imports", produces = MediaType.APPLICATION_JSON_VALUE)
  Imports.Result importIncidents(@RequestBody(required = false) String body,
      @RequestHeader(name = "Content-Type", required = false) String contentType,
      @RequestParam(name = "format", required = false) String format,
      @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
      @RequestParam(name = "zone", required = false) String zone,
      @RequestParam(name = "type", defaultValue = "outage") String type,
      @RequestParam(name = "impact", defaultValue = "part-of-users") String impact,
      Authentication user) {
    requireImporter(user);
    return imports.run(format(format, contentType, body), body, dryRun, user.getName(), zone(zone), type, impact);
  }

  @ExceptionHandler(Imports.Refused.class)
  ResponseEntity<ProblemDetail> refused(Imports.Refused e) {
    Imports.Result result = e.result;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
        result.refused() + " of " + result.lines().size() + " lines are refused (each names its line and field); "
            + "nothing was written. Correct or remove them and send the batch again (?dryRun=true checks it).");
    problem.setType(REFUSED);
    problem.setTitle("Import refused");
    problem.setProperty("format", result.format());
    problem.setProperty("written", false);
    problem.setProperty("created", result.created());
    problem.setProperty("updated", result.updated());
    problem.setProperty("unchanged", result.unchanged());
    problem.setProperty("refused", result.refused());
    problem.setProperty("lines", result.lines());
    return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(NotAllowed.class)
  ResponseEntity<ProblemDetail> notAllowed(NotAllowed e) {
    return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ProblemDetail> raced(DataIntegrityViolationException e) {
    return ApiProblems.problem(HttpStatus.CONFLICT, "Imported at the same moment",
        "Another request imported some of these records at the same moment; nothing of this batch was written. "
            + "Send it again: what is already imported is then answered as unchanged.");
  }

  /** Incident managers and administrators import (docs/SECURITY.md). */
  private static void requireImporter(Authentication user) {
    List<String> groups = Groups.of(user);
    if (!(groups.contains(Groups.INCIDENT_MANAGERS) || groups.contains(Groups.CAMUNDA_ADMIN))) {
      throw new NotAllowed();
    }
  }

  /** {@code ?format=} wins; else JSON is Firebreak's, and a CSV says by its header whether it is PagerDuty's or Opsgenie's. */
  private static ImportFormat format(String format, String contentType, String body) {
    if (format != null) {
      return ImportFormat.of(format).orElseThrow(() -> Imports.invalid("format",
          "must be one of " + ImportFormat.codes() + " (was '" + format + "')"));
    }
    MediaType type = null;
    try {
      type = contentType == null ? null : MediaType.parseMediaType(contentType);
    } catch (org.springframework.util.InvalidMimeTypeException e) {
      // below: decided by the body
    }
    if (type != null && (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json"))) {
      return ImportFormat.FIREBREAK;
    }
    return Imports.sniffCsv(body).orElseThrow(() -> Imports.invalid("format",
        "cannot be told from the request: send JSON as application/json, or say ?format=" + ImportFormat.codes()
            .replace(", ", "|")));
  }

  private static ZoneId zone(String zone) {
    if (zone == null || zone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw Imports.invalid("zone", "is not a time zone (was '" + zone + "'; e.g. UTC, Asia/Seoul)");
    }
  }
}
