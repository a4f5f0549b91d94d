package dev.firebreak.statuspage;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The public status page (no login): HTML, an Atom feed and a Statuspage-shaped summary. */
@Controller
class StatusPageController {

  private final StatusPage statusPage;

  StatusPageController(StatusPage statusPage) {
    this.statusPage = statusPage;
  }

  @GetMapping("/status")
  String page(Model model) {
    StatusPage.Snapshot snapshot = statusPage.snapshot();
    model.addAttribute("snapshot", snapshot);
    model.addAttribute("zone", java.time.ZoneId.of(statusPage.zone()));
    model.addAttribute("format", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    return "statuspage/status";
  }

  @GetMapping(value = "/status/summary.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> summary() {
    StatusPage.Snapshot snapshot = statusPage.snapshot();
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("id", "firebreak");
    page.put("name", "Service status");
    page.put("url", statusPage.baseUrl() + "/status");
    page.put("time_zone", statusPage.zone());
    page.put("updated_at", snapshot.generatedAt().toString());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("page", page);
    summary.put("components", snapshot.components().stream().map(c -> Map.of(
        "id", c.id(), "name", c.name(), "status", c.status().code())).toList());
    summary.put("incidents", snapshot.active().stream().map(StatusPageController::incident).toList());
    summary.put("scheduled_maintenances", List.of());
    summary.put("status", Map.of("indicator", indicator(snapshot.overall()), "description", description(snapshot.overall())));
    return summary;
  }

  @GetMapping(value = "/status/feed.atom", produces = "application/atom+xml")
  ResponseEntity<String> feed() {
    StatusPage.Snapshot snapshot = statusPage.snapshot();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        .append("  <id>").append(escape(statusPage.baseUrl() + "/status")).append("</id>\n")
        .append("  <title>Service status</title>\n")
        .append("  <updated>").append(snapshot.generatedAt()).append("</updated>\n")
        .append("  <link rel=\"alternate\" href=\"").append(escape(statusPage.baseUrl() + "/status")).append("\"/>\n");
    java.util.stream.Stream.concat(snapshot.active().stream(), snapshot.history().stream()).forEach(incident -> {
      for (int i = incident.updates().size() - 1; i >= 0; i--) {
        StatusPage.Update update = incident.updates().get(i);
        xml.append("  <entry>\n")
            .append("    <id>").append(escape(statusPage.baseUrl() + "/status#" + incident.id() + "-" + i)).append("</id>\n")
            .append("    <title>").append(escape("[" + update.phase() + "] " + incident.title())).append("</title>\n")
            .append("    <updated>").append(update.publishedAt()).append("</updated>\n")
            .append("    <content type=\"text\">").append(escape(incident.component() + ": " + update.message()))
            .append("</content>\n")
            .append("  </entry>\n");
      }
    });
    xml.append("</feed>\n");
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
        .body(xml.toString());
  }

  private static Map<String, Object> incident(StatusPage.PublicIncident incident) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", incident.id());
    json.put("name", incident.title());
    json.put("status", incident.status());
    json.put("impact", incident.impact());
    json.put("created_at", incident.startedAt().toString());
    json.put("updated_at", incident.updatedAt().toString());
    json.put("resolved_at", incident.resolvedAt() == null ? null : incident.resolvedAt().toString());
    json.put("components", List.of(Map.of("id", StatusPage.slug(incident.component()), "name", incident.component(),
        "status", incident.componentStatus().code())));
    json.put("incident_updates", incident.updates().stream().map(u -> Map.of("status", u.phase(), "body", u.message(),
        "created_at", u.publishedAt().toString())).toList());
    return json;
  }

  private static String indicator(ComponentStatus overall) {
    return switch (overall) {
      case OPERATIONAL -> "none";
      case DEGRADED_PERFORMANCE -> "minor";
      case PARTIAL_OUTAGE -> "major";
      case MAJOR_OUTAGE -> "critical";
    };
  }

  private static String description(ComponentStatus overall) {
    return overall == ComponentStatus.OPERATIONAL ? "All Systems Operational" : overall.label();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
