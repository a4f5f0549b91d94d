package dev.firebreak.incident;

import dev.firebreak.directory.Directory;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.time.Durations;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The shared situation (login needed): open incidents at a glance — filtered by service, severity
 * and status, kept up to date live by {@link BoardStream} — and each incident's record and timeline.
 * Words come from the message bundles in the page's language.
 */
@Controller
class SituationBoardController {

  private final Incidents incidents;
  private final ManagementService management;
  private final Directory directory;
  private final FirebreakProperties properties;
  private final EngineClock clock;
  private final ServiceCatalog catalog;
  private final Texts texts;
  private final BoardStream stream;
  private final ObjectProvider<PublicStatus> publicStatus;
  private final ObjectProvider<PastIncidents> pastIncidents;

  SituationBoardController(Incidents incidents, @Lazy ManagementService management, FirebreakProperties properties,
      Directory directory, EngineClock clock, ServiceCatalog catalog, Texts texts, BoardStream stream,
      ObjectProvider<PublicStatus> publicStatus, ObjectProvider<PastIncidents> pastIncidents) {
    this.pastIncidents = pastIncidents;
    this.clock = clock;
    this.directory = directory;
    this.incidents = incidents;
    this.management = management;
    this.properties = properties;
    this.catalog = catalog;
    this.texts = texts;
    this.stream = stream;
    this.publicStatus = publicStatus;
  }

  /** A row of the board. */
  record Row(IncidentRecord incident, String age, String nextUpdate, String onCall, String publicStatus) {
  }

  /** The board's filters as given (null: any; status null: the open ones). */
  record Filter(String service, String severity, String status) {
  }

  @GetMapping("/incidents")
  String board(@RequestParam(required = false) String service, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String status, Locale locale, Model model) {
    Instant now = clock.now();
    Filter filter = new Filter(blankToNull(service),
        Coded.fromCode(Severity.class, blankToNull(severity)).map(Severity::code).orElse(null),
        Coded.fromCode(IncidentStatus.class, blankToNull(status)).map(IncidentStatus::code).orElse(null));
    List<Row> rows = incidents.list(new IncidentFilter(filter.status(), filter.severity(), filter.service())).stream()
        .filter(i -> filter.status() != null || i.status().isOpen())
        .sorted(Comparator.comparing(IncidentRecord::severity, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(IncidentRecord::detectedAt))
        .map(i -> new Row(i, age(i.detectedAt(), now, locale), nextUpdate(i, now),
            onCall(i, now), publicStatus(i, locale)))
        .toList();
    TreeSet<String> services = new TreeSet<>(catalog.names());
    if (filter.service() != null) {
      services.add(filter.service());
    }
    model.addAttribute("rows", rows);
    model.addAttribute("filter", filter);
    model.addAttribute("services", services);
    model.addAttribute("severities", Arrays.asList(Severity.values()));
    model.addAttribute("statuses", Arrays.asList(IncidentStatus.values()));
    return "board/incidents";
  }

  /** Server-Sent Events: {@code incident} with the key of each incident that changed. */
  @GetMapping(path = "/incidents/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter stream() {
    return stream.open();
  }

  @GetMapping("/incidents/{key}")
  String incident(@PathVariable String key, Locale locale, Model model) {
    IncidentRecord incident = incidents.require(key);
    model.addAttribute("incident", incident);
    model.addAttribute("timeline", incidents.timeline(key));
    model.addAttribute("links", incidents.links(key));
    model.addAttribute("age", age(incident.detectedAt(),
        incident.closedAt() != null ? incident.closedAt() : clock.now(), locale));
    model.addAttribute("format", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(properties.getZone()));
    model.addAttribute("tasklist", "/camunda/app/tasklist");
    model.addAttribute("onCall", onCall(incident, clock.now()));
    model.addAttribute("publicStatus", publicStatus(incident, locale));
    model.addAttribute("open", incident.status().isOpen());
    PastIncidents past = pastIncidents.getIfAvailable();
    model.addAttribute("similar", past == null ? List.of() : past.like(incident));
    return "board/incident";
  }

  /** The owning team's on-call person right now, from the rotation (overrides included). */
  private String onCall(IncidentRecord incident, Instant now) {
    return directory.onCall(incident.service(), now)
        .map(on -> on.person().name() + " (" + on.team() + ")").orElse("—");
  }

  /** What the status page says about it: the latest published phase, or that nothing is public. */
  private String publicStatus(IncidentRecord incident, Locale locale) {
    if (incident.drill()) {
      return texts.get(locale, "board.public.drill");
    }
    PublicStatus source = publicStatus.getIfAvailable();
    return Optional.ofNullable(source).flatMap(s -> s.latestPhase(incident.key()))
        .map(phase -> texts.get(locale, "phase." + phase))
        .orElseGet(() -> texts.get(locale, "board.public.none"));
  }

  /** When the status-update cadence next asks communications for an update. */
  private String nextUpdate(IncidentRecord incident, Instant now) {
    if (incident.processInstanceId() == null) {
      return "—";
    }
    Optional<Job> timer = management.createJobQuery().processInstanceId(incident.processInstanceId()).timers()
        .activityId(IncidentProcess.Elements.STATUS_UPDATE_TIMER).list().stream().findFirst();
    return timer.map(job -> {
      Instant due = job.getDuedate().toInstant();
      String pattern = Duration.between(now, due).abs().toHours() < 20 ? "HH:mm z" : "yyyy-MM-dd HH:mm z";
      return DateTimeFormatter.ofPattern(pattern).withZone(properties.getZone()).format(due);
    }).orElse("—");
  }

  /** "5 min", "2 h 15 min", "3 d 4 h"; beyond 30 days the date it began (platform's Durations). */
  private String age(Instant from, Instant to, Locale locale) {
    return Durations.age(from, to, properties.getZone(), locale);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
