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

  /**
   * The page is rendered once through the node's own web server when the application is ready (before
   * readiness answers UP): the first public visitor does not pay for the template's first rendering
   * (measured 14 s on a loaded machine, far beyond the 5 s the page must answer in). Without a web
   * server (tests on a mock environment) nothing happens; a failure only leaves the page cold.
   */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void renderFirst(org.springframework.boot.context.event.ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof org.springframework.boot.web.context.WebServerApplicationContext web)
        || web.getWebServer() == null || web.getWebServer().getPort() <= 0) {
      return;
    }
    String contextPath = event.getApplicationContext().getEnvironment().getProperty("server.servlet.context-path", "");
    java.net.URI page = java.net.URI.create("http://127.0.0.1:" + web.getWebServer().getPort() + contextPath + "/status");
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
        .connectTimeout(java.time.Duration.ofSeconds(5)).build();
    try {
      client.send(java.net.http.HttpRequest.newBuilder(page).timeout(java.time.Duration.ofSeconds(30)).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      org.slf4j.LoggerFactory.getLogger(StatusPageController.class).warn("The status page was not rendered at start: {}",
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @GetMapping("/status")
  String page(Model model) {
    StatusPage.Shown shown = statusPage.shown();
    StatusPage.Snapshot snapshot = shown.snapshot();
    model.addAttribute("snapshot", snapshot);
    model.addAttribute("stale", shown.stale());
    model.addAttribute("zone", java.time.ZoneId.of(statusPage.zone()));
    model.addAttribute("format", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    return "statuspage/status";
  }

  @GetMapping(value = "/status/summary.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> summary() {
    StatusPage.Snapshot snapshot = statusPage.shown().snapshot();
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
    summary.put("scheduled_maintenances", snapshot.activeMaintenance().stream()
        .map(m -> maintenance(m, snapshot)).toList());
    summary.put("status", Map.of("indicator", indicator(snapshot.overall()), "description", description(snapshot.overall())));
    return summary;
  }

  /** Like Statuspage's scheduled-maintenances.json: upcoming, in progress and completed (90 days). */
  @GetMapping(value = "/status/scheduled-maintenances.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> scheduledMaintenances() {
    StatusPage.Snapshot snapshot = statusPage.shown().snapshot();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("page", Map.of("id", "firebreak", "name", "Service status", "url", statusPage.baseUrl() + "/status",
        "time_zone", statusPage.zone(), "updated_at", snapshot.generatedAt().toString()));
    body.put("scheduled_maintenances", snapshot.maintenances().stream()
        .filter(m -> m.status() != Maintenances.Status.CANCELLED)
        .sorted(java.util.Comparator.comparing(StatusPage.PublicMaintenance::scheduledFor).reversed())
        .map(m -> maintenance(m, snapshot)).toList());
    return body;
  }

  @GetMapping(value = "/status/feed.atom", produces = "application/atom+xml")
  ResponseEntity<String> feed() {
    StatusPage.Snapshot snapshot = statusPage.shown().snapshot();
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
    for (StatusPage.PublicMaintenance maintenance : snapshot.maintenances()) {
      for (FeedEntry entry : maintenanceEntries(maintenance)) {
        xml.append("  <entry>\n")
            .append("    <id>").append(escape(statusPage.baseUrl() + "/status#" + maintenance.id() + "-" + entry.suffix()))
            .append("</id>\n")
            .append("    <title>").append(escape("[" + entry.label() + "] " + maintenance.title())).append("</title>\n")
            .append("    <updated>").append(entry.at()).append("</updated>\n")
            .append("    <content type=\"text\">").append(escape(String.join(", ", maintenance.components()) + " ("
                + window(maintenance) + "): " + entry.text())).append("</content>\n")
            .append("  </entry>\n");
      }
    }
    xml.append("</feed>\n");
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
        .body(xml.toString());
  }

  /** Started while the database was away: nothing to show yet (the page appears once it is back). */
  @org.springframework.web.bind.annotation.ExceptionHandler(StatusPage.NotYetShown.class)
  ResponseEntity<org.springframework.http.ProblemDetail> notYetShown(StatusPage.NotYetShown e) {
    org.springframework.http.ProblemDetail body = org.springframework.http.ProblemDetail.forStatusAndDetail(
        org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "The status page is not available yet. Try again in a minute.");
    body.setTitle("Status page unavailable");
    return ResponseEntity.status(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
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

  private record FeedEntry(String suffix, String label, java.time.Instant at, String text) {
  }

  /** One entry per published update, plus "in progress" and "completed" once the clock got there. */
  private static List<FeedEntry> maintenanceEntries(StatusPage.PublicMaintenance maintenance) {
    List<FeedEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < maintenance.updates().size(); i++) {
      StatusPage.Update update = maintenance.updates().get(i);
      entries.add(new FeedEntry(String.valueOf(i), maintenanceLabel(update.phase()), update.publishedAt(),
          update.message()));
    }
    boolean endedEarly = maintenance.updates().stream().anyMatch(u -> "completed".equals(u.phase()));
    if (maintenance.status() == Maintenances.Status.IN_PROGRESS || maintenance.status() == Maintenances.Status.COMPLETED) {
      entries.add(new FeedEntry("started", "Maintenance in progress", maintenance.scheduledFor(),
          "Scheduled maintenance is in progress."));
    }
    if (maintenance.status() == Maintenances.Status.COMPLETED && !endedEarly) {
      entries.add(new FeedEntry("completed", "Maintenance completed", maintenance.endedAt(),
          "The scheduled maintenance has been completed."));
    }
    entries.sort(java.util.Comparator.comparing(FeedEntry::at).reversed());
    return entries;
  }

  private static String maintenanceLabel(String status) {
    return switch (status) {
      case "scheduled" -> "Scheduled maintenance";
      case "in_progress" -> "Maintenance in progress";
      case "completed" -> "Maintenance completed";
      case "cancelled" -> "Maintenance cancelled";
      default -> "Maintenance";
    };
  }

  private String window(StatusPage.PublicMaintenance maintenance) {
    java.time.ZoneId zone = java.time.ZoneId.of(statusPage.zone());
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");
    return format.format(maintenance.scheduledFor().atZone(zone)) + " – "
        + format.format(maintenance.scheduledUntil().atZone(zone));
  }

  private Map<String, Object> maintenance(StatusPage.PublicMaintenance maintenance, StatusPage.Snapshot snapshot) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", maintenance.id());
    json.put("name", maintenance.title());
    json.put("status", maintenance.status().code());
    json.put("impact", "maintenance");
    json.put("shortlink", statusPage.baseUrl() + "/status#" + maintenance.id());
    json.put("created_at", maintenance.createdAt().toString());
    json.put("updated_at", maintenance.updatedAt().toString());
    json.put("started_at", maintenance.status() == Maintenances.Status.SCHEDULED ? null
        : maintenance.scheduledFor().toString());
    json.put("resolved_at", maintenance.endedAt() == null ? null : maintenance.endedAt().toString());
    json.put("scheduled_for", maintenance.scheduledFor().toString());
    json.put("scheduled_until", maintenance.scheduledUntil().toString());
    json.put("components", maintenance.components().stream().map(name -> Map.of("id", StatusPage.slug(name),
        "name", name, "status", snapshot.components().stream().filter(c -> c.name().equals(name)).findFirst()
            .map(c -> c.status().code()).orElse(ComponentStatus.OPERATIONAL.code()))).toList());
    List<StatusPage.Update> updates = new java.util.ArrayList<>(maintenance.updates());
    java.util.Collections.reverse(updates);
    json.put("incident_updates", updates.stream().map(u -> Map.of("status", u.phase(), "body", u.message(),
        "created_at", u.publishedAt().toString())).toList());
    return json;
  }

  private static String indicator(ComponentStatus overall) {
    return switch (overall) {
      case OPERATIONAL -> "none";
      case UNDER_MAINTENANCE -> "maintenance";
      case DEGRADED_PERFORMANCE -> "minor";
      case PARTIAL_OUTAGE -> "major";
      case MAJOR_OUTAGE -> "critical";
    };
  }

  private static String description(ComponentStatus overall) {
    return switch (overall) {
      case OPERATIONAL -> "All Systems Operational";
      case UNDER_MAINTENANCE -> "Service Under Maintenance";
      default -> overall.label();
    };
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
