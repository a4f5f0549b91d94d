package dev.firebreak.postmortem;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.web.ApiProblems;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The published incident report (docs/report.md): HTML (the printable page), Markdown or JSON, by
 * {@code ?format=html|markdown|json} or else by {@code Accept}; Markdown when neither asks.
 */
@Controller
class ReportController {

  static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

  private final ReportSnapshots reports;
  private final Incidents incidents;
  private final ReportRendering rendering;
  private final ReportCorrections corrections;

  ReportController(ReportSnapshots reports, Incidents incidents, ReportRendering rendering,
      ReportCorrections corrections) {
    this.corrections = corrections;
    this.reports = reports;
    this.incidents = incidents;
    this.rendering = rendering;
  }

  /** Returns a view (HTML) or a body; Spring picks the handling by the returned object. */
  @GetMapping("/api/incidents/{key}/report")
  Object report(@PathVariable String key, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    incidents.require(key);
    String chosen = format(format, accept);
    if (chosen == null) {
      return ApiProblems.problem(HttpStatus.NOT_ACCEPTABLE, "Unknown report format",
          "The report is available as html, markdown or json (?format= or Accept: text/html, text/markdown, application/json); not " + format + ".");
    }
    var found = reports.latest(key);
    if (found.isEmpty()) {
      return ApiProblems.problem(HttpStatus.NOT_FOUND, "No report yet",
          "Incident " + key + " has no published report yet: it is published when its post-mortem is approved.");
    }
    IncidentReport report = found.get();
    return switch (chosen) {
      case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
      case "html" -> {
        ModelAndView page = new ModelAndView("postmortem/report");
        page.addObject("report", report);
        page.addObject("render", rendering);
        page.addObject("revisions", reports.revisions(key).size());
        page.addObject("corrections", corrections.of(key));
        java.util.Map<String, String> sections = new java.util.LinkedHashMap<>();
        IncidentReport.WRITTEN.forEach(id -> sections.put(id, ReportCorrections.heading(report, id)));
        page.addObject("correctable", sections);
        yield page;
      }
      default -> ResponseEntity.ok().contentType(MARKDOWN).body(rendering.markdown(report));
    };
  }

  /** html, markdown or json; null for a format nobody knows. */
  static String format(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return switch (format.trim().toLowerCase(Locale.ROOT)) {
        case "html" -> "html";
        case "md", "markdown" -> "markdown";
        case "json" -> "json";
        default -> null;
      };
    }
    if (accept == null || accept.isBlank()) {
      return "markdown";
    }
    List<MediaType> types;
    try {
      types = MediaType.parseMediaTypes(accept);
    } catch (IllegalArgumentException e) {
      return "markdown";
    }
    types = new java.util.ArrayList<>(types);
    types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed()); // stable: the header's order otherwise
    for (MediaType type : types) {
      if (type.getQualityValue() == 0) {
        continue;
      }
      if (type.isWildcardType()) {
        return "markdown";
      }
      if (MediaType.TEXT_HTML.includes(type) && !type.isWildcardSubtype()) {
        return "html";
      }
      if (type.getSubtype().equals("markdown") || type.getSubtype().equals("x-markdown")) {
        return "markdown";
      }
      if (MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardSubtype()
          || type.getSubtype().endsWith("+json")) {
        return "json";
      }
      if (type.getType().equals("text") && type.isWildcardSubtype()) {
        return "markdown";
      }
    }
    return "markdown";
  }
}
