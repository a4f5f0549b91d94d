package dev.firebreak.kpi;

import dev.firebreak.platform.i18n.Languages;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.web.ApiProblems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/kpis} (JSON, or CSV by {@code Accept: text/csv} or {@code ?format=csv}),
 * {@code GET /api/kpis/steps} and {@code GET /api/incidents/{key}/steps}: the KPIs of docs/kpis.md,
 * for auditors, incident managers and administrators.
 */
@RestController
class KpiController {

  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  /** The caller may not read KPIs. */
  static class NotAllowed extends RuntimeException {
    NotAllowed() {
      super("KPIs are for auditors, incident managers and administrators");
    }
  }

  private final KpiFigures figures;
  private final StepTimes steps;
  private final VersionComparison comparison;
  private final EngineClock clock;

  KpiController(KpiFigures figures, StepTimes steps, VersionComparison comparison, EngineClock clock) {
    this.figures = figures;
    this.steps = steps;
    this.comparison = comparison;
    this.clock = clock;
  }

  /**
   * {@code GET /api/kpis/versions}: a duration ({@code measure}, time to mitigate by default) by the
   * revision of a process ({@code process=incident}, the default) or decision table
   * ({@code decision=incident-severity}) the counted incidents ran under, with the changes between
   * revisions (docs/kpis.md). The filters of /api/kpis; no grouping.
   */
  @GetMapping(path = "/api/kpis/versions", produces = MediaType.APPLICATION_JSON_VALUE)
  VersionComparison.Report versions(@RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, Authentication user) {
    requireReader(user);
    Locale locale = locale(parameters, acceptLanguage);
    VersionQuery asked = VersionQuery.parse(parameters);
    KpiQuery query = query(asked.rest());
    return comparison.compare(asked.type(), asked.key(), asked.measure(), query, locale);
  }

  @GetMapping(path = "/api/kpis", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv", MediaType.ALL_VALUE})
  ResponseEntity<?> kpis(@RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(name = "Accept", required = false) String accept,
      @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, Authentication user) {
    requireReader(user);
    KpiQuery query = query(parameters);
    Locale locale = locale(parameters, acceptLanguage);
    KpiReport report = figures.report(query, locale);
    if (wantsCsv(parameters, accept)) {
      return ResponseEntity.ok().contentType(CSV).header("Content-Disposition", "attachment; filename=\"kpis.csv\"")
          .body(KpiCsv.write(report));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
  }

  @GetMapping(path = "/api/kpis/steps", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv", MediaType.ALL_VALUE})
  ResponseEntity<?> steps(@RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(name = "Accept", required = false) String accept,
      @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, Authentication user) {
    requireReader(user);
    KpiQuery query = query(parameters);
    Locale locale = locale(parameters, acceptLanguage);
    List<StepTimes.StepFigure> aggregate = steps.aggregate(query, locale);
    if (wantsCsv(parameters, accept)) {
      return ResponseEntity.ok().contentType(CSV).body(KpiCsv.writeSteps(aggregate, figures.definitions(locale)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", query.from());
    body.put("to", query.to());
    body.put("minimumIncidents", figures.properties().getMinimumIncidents());
    body.put("language", locale.getLanguage());
    Map<String, String> all = figures.definitions(locale);
    body.put("definitions", Map.of("steps", all.get("steps"), "counted", all.get("counted"),
        "notEnough", all.get("notEnough")));
    body.put("steps", aggregate);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @GetMapping("/api/incidents/{key}/steps")
  Map<String, Object> incidentSteps(@PathVariable String key,
      @RequestParam(name = "lang", required = false) String lang,
      @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, Authentication user) {
    requireReader(user);
    Locale locale = locale(lang == null ? MultiValueMap.fromSingleValue(Map.of()) :
        MultiValueMap.fromSingleValue(Map.of("lang", lang)), acceptLanguage);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("incidentKey", key);
    body.put("definition", figures.definitions(locale).get("steps"));
    body.put("steps", steps.of(key).stream().map(step -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("process", step.processKey());
      row.put("processVersion", step.processVersion());
      row.put("activityId", step.activityId());
      row.put("name", step.activityName());
      row.put("kind", step.kind());
      row.put("startedAt", step.startedAt());
      row.put("claimedAt", step.claimedAt());
      row.put("endedAt", step.endedAt());
      row.put("assignee", step.assignee());
      row.put("waitSeconds", step.waitMs() == null ? null : step.waitMs() / 1000.0);
      row.put("workSeconds", step.workMs() == null ? null : step.workMs() / 1000.0);
      row.put("durationSeconds", step.durationMs() / 1000.0);
      row.put("wait", step.waitMs() == null ? null : KpiFigures.text(step.waitMs() / 1000.0, locale));
      row.put("work", step.workMs() == null ? null : KpiFigures.text(step.workMs() / 1000.0, locale));
      row.put("duration", KpiFigures.text(step.durationMs() / 1000.0, locale));
      return row;
    }).toList());
    return body;
  }

  @ExceptionHandler(NotAllowed.class)
  ResponseEntity<ProblemDetail> notAllowed(NotAllowed e) {
    return ApiProblems.problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
  }

  /** Auditors, incident managers and administrators read KPIs (docs/SECURITY.md). */
  static void requireReader(Authentication user) {
    List<String> groups = Groups.of(user);
    if (!(groups.contains(Groups.AUDITORS) || groups.contains(Groups.INCIDENT_MANAGERS)
        || groups.contains(Groups.CAMUNDA_ADMIN))) {
      throw new NotAllowed();
    }
  }

  private KpiQuery query(MultiValueMap<String, String> parameters) {
    return KpiQuery.parse(parameters, clock.now(), figures.zone(), figures.properties().getMaxPeriod());
  }

  private static boolean wantsCsv(MultiValueMap<String, String> parameters, String accept) {
    String format = parameters.getFirst("format");
    if (format != null) {
      return format.equals("csv");
    }
    return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
  }

  /** {@code ?lang=ko|en}, else the first supported language of Accept-Language, else the configured one. */
  private static Locale locale(MultiValueMap<String, String> parameters, String acceptLanguage) {
    String lang = parameters.getFirst("lang");
    if (lang != null && !lang.isBlank()) {
      return Languages.supported(Locale.forLanguageTag(lang.trim()));
    }
    if (acceptLanguage != null && !acceptLanguage.isBlank()) {
      try {
        Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), Languages.SUPPORTED);
        if (best != null) {
          return best;
        }
      } catch (IllegalArgumentException malformed) {
        // fall back to the configured language
      }
    }
    return Languages.supported(LocaleContextHolder.getLocale());
  }
}
