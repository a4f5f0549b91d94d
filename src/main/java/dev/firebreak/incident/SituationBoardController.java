package dev.firebreak.incident;

import dev.firebreak.platform.time.EngineClock;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.time.Durations;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import dev.firebreak.directory.Directory;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The shared situation: open incidents at a glance, and each incident's record and timeline (login needed). */
@Controller
class SituationBoardController {

  private final Incidents incidents;
  private final ManagementService management;
  private final Directory directory;
  private final FirebreakProperties properties;
  private final EngineClock clock;

  SituationBoardController(Incidents incidents, @Lazy ManagementService management, FirebreakProperties properties,
      Directory directory, EngineClock clock) {
    this.clock = clock;
    this.directory = directory;
    this.incidents = incidents;
    this.management = management;
    this.properties = properties;
  }

  /** A row of the board. */
  record Row(IncidentRecord incident, String age, String nextUpdate, String onCall) {
  }

  @GetMapping("/incidents")
  String board(Model model) {
    Instant now = clock.now();
    List<Row> rows = incidents.list(new IncidentFilter(null, null, null)).stream()
        .filter(i -> i.status().isOpen())
        .sorted(Comparator.comparing(IncidentRecord::severity, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(IncidentRecord::detectedAt))
        .map(i -> new Row(i, Durations.age(i.detectedAt(), now, properties.getZone()), nextUpdate(i), onCall(i, now)))
        .toList();
    model.addAttribute("rows", rows);
    return "board/incidents";
  }

  @GetMapping("/incidents/{key}")
  String incident(@PathVariable String key, Model model) {
    IncidentRecord incident = incidents.require(key);
    model.addAttribute("incident", incident);
    model.addAttribute("timeline", incidents.timeline(key));
    model.addAttribute("links", incidents.links(key));
    model.addAttribute("age", Durations.age(incident.detectedAt(),
        incident.closedAt() != null ? incident.closedAt() : clock.now(), properties.getZone()));
    model.addAttribute("format", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(properties.getZone()));
    model.addAttribute("tasklist", "/camunda/app/tasklist");
    model.addAttribute("onCall", onCall(incident, clock.now()));
    model.addAttribute("open", incident.status().isOpen());
    return "board/incident";
  }

  /** The owning team's on-call person right now, from the rotation (overrides included). */
  private String onCall(IncidentRecord incident, Instant now) {
    return directory.onCall(incident.service(), now)
        .map(on -> on.person().name() + " (" + on.team() + ")").orElse("—");
  }

  /** When the status-update cadence next asks communications for an update. */
  private String nextUpdate(IncidentRecord incident) {
    if (incident.processInstanceId() == null) {
      return "—";
    }
    Optional<Job> timer = management.createJobQuery().processInstanceId(incident.processInstanceId()).timers()
        .activityId(IncidentProcess.Elements.STATUS_UPDATE_TIMER).list().stream().findFirst();
    return timer.map(job -> DateTimeFormatter.ofPattern("HH:mm z").withZone(properties.getZone())
        .format(job.getDuedate().toInstant())).orElse("—");
  }

}
