package dev.firebreak.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.kpi.KpiFigures.Bucket;
import dev.firebreak.kpi.KpiQuery.Dimension;
import dev.firebreak.kpi.KpiReport.Group;
import dev.firebreak.kpi.KpiReport.Measure;
import dev.firebreak.kpi.KpiReport.Stats;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.time.EngineClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import dev.firebreak.platform.config.ServiceCatalog;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The KPI page {@code /kpis} in the shared layout, for the readers of /api/kpis: headline figures,
 * monthly trends as charts (count by type, by impact, by service; median time to mitigate with n;
 * Chart.js from its WebJar, drawn by /assets/kpis.js from the data in the page), the step-time table
 * and the comparison by process or decision version. Words from the bundles (ko, en).
 */
@Controller
class KpiPageController {

  private final KpiFigures figures;
  private final StepTimes steps;
  private final VersionComparison comparison;
  private final EngineClock clock;
  private final ServiceCatalog catalog;
  private final ObjectMapper json;

  KpiPageController(KpiFigures figures, StepTimes steps, VersionComparison comparison, EngineClock clock,
      ServiceCatalog catalog, ObjectMapper json) {
    this.figures = figures;
    this.steps = steps;
    this.comparison = comparison;
    this.clock = clock;
    this.catalog = catalog;
    this.json = json;
  }

  /** The page's filters as given (dates in the zone; blank: the default). */
  record Filter(String from, String to, String service, String definition) {
  }

  /** One series of a chart: its label and a value per month. */
  record Series(String label, List<Number> values) {
  }

  /** A chart: the months and the series. */
  record Chart(List<String> months, List<Series> series) {
  }

  @GetMapping("/kpis")
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String service, @RequestParam(required = false) String definition,
      Authentication user, Locale locale, Model model) throws JsonProcessingException {
    if (!Groups.of(user).stream().anyMatch(g -> g.equals(Groups.AUDITORS) || g.equals(Groups.INCIDENT_MANAGERS)
        || g.equals(Groups.CAMUNDA_ADMIN))) {
      throw new AuthorizationException((user == null ? "Nobody" : user.getName())
          + " may not read KPIs: auditors, incident managers and administrators do");
    }
    ZoneId zone = figures.zone();
    Instant now = clock.now();
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate start = date(from, today.withDayOfMonth(1).minusMonths(11));
    LocalDate end = date(to, today.plusDays(1));
    if (!start.isBefore(end)) {
      start = end.withDayOfMonth(1).minusMonths(11);
    }
    LocalDate earliest = end.minusDays(figures.properties().getMaxPeriod().toDays());
    if (start.isBefore(earliest)) {
      start = earliest;
    }
    KpiQuery query = KpiQuery.of(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
    String chosenService = service == null || service.isBlank() ? null : service.trim();
    if (chosenService != null) {
      query = query.withServices(chosenService);
    }
    Texts texts = figures.texts();
    KpiReport headline = figures.report(query, locale);
    KpiReport monthly = figures.report(query.groupedBy(Dimension.MONTH), locale);
    List<String> months = figures.buckets(query.groupedBy(Dimension.MONTH)).stream().map(Bucket::label).toList();

    Map<String, Object> charts = new LinkedHashMap<>();
    charts.put("byType", counts(figures.report(query.groupedBy(Dimension.MONTH, Dimension.TYPE), locale), months,
        Dimension.TYPE, code -> texts.get(locale, "type." + code)));
    charts.put("byImpact", counts(figures.report(query.groupedBy(Dimension.MONTH, Dimension.IMPACT), locale), months,
        Dimension.IMPACT, code -> texts.get(locale, "impact." + code)));
    charts.put("byService", counts(figures.report(query.groupedBy(Dimension.MONTH, Dimension.SERVICE), locale),
        months, Dimension.SERVICE, code -> code));
    List<Number> medians = new ArrayList<>();
    List<Number> ns = new ArrayList<>();
    List<Map<String, Object>> monthRows = new ArrayList<>();
    Map<String, Group> byMonth = new LinkedHashMap<>();
    monthly.groups().forEach(g -> byMonth.put(g.keys().get("month"), g));
    for (String month : months) {
      Group group = byMonth.get(month);
      Stats ttm = group == null ? null : group.durations().get(Measure.TIME_TO_MITIGATE.code());
      medians.add(ttm == null || ttm.median() == null ? null : Math.round(ttm.median() / 6.0) / 10.0);
      ns.add(ttm == null ? 0 : ttm.n());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("month", month);
      row.put("incidents", group == null ? 0 : group.n());
      row.put("n", ttm == null ? 0 : ttm.n());
      row.put("median", ttm == null ? null : ttm.medianText());
      row.put("note", ttm == null ? figures.notEnough(0, locale) : ttm.note());
      monthRows.add(row);
    }
    charts.put("medianTimeToMitigate", Map.of("months", months, "minutes", medians, "n", ns,
        "label", texts.get(locale, "kpi.page.medianTtm"), "nLabel", texts.get(locale, "kpi.page.n")));

    String[] chosen = (definition == null || !definition.contains(":") ? DefinitionVersions.PROCESS + ":"
        + VersionQuery.DEFAULT_PROCESS : definition).split(":", 2);
    String type = DefinitionVersions.DECISION.equals(chosen[0]) ? DefinitionVersions.DECISION : DefinitionVersions.PROCESS;
    VersionComparison.Report versions = comparison.compare(type, chosen[1], Measure.TIME_TO_MITIGATE, query, locale);

    model.addAttribute("filter", new Filter(start.toString(), end.toString(), chosenService, type + ":" + chosen[1]));
    TreeSet<String> services = new TreeSet<>(catalog.names());
    services.addAll(figures.services());
    model.addAttribute("services", services);
    model.addAttribute("headline", headline.groups().isEmpty() ? null : headline.groups().get(0));
    model.addAttribute("target", dev.firebreak.platform.time.Durations.duration(
        figures.properties().getMitigationTarget(), locale));
    model.addAttribute("months", monthRows);
    model.addAttribute("charts", json.writeValueAsString(charts));
    model.addAttribute("steps", steps.aggregate(query, locale));
    model.addAttribute("versions", versions);
    model.addAttribute("definitions", headline.definitions());
    model.addAttribute("dateFormat", java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone));
    return "kpi/kpis";
  }

  /** Counts per month and value of the dimension: one series per value (label from the bundle), 0 where none. */
  private static Chart counts(KpiReport report, List<String> months, Dimension dimension,
      java.util.function.Function<String, String> label) {
    Map<String, Map<String, Long>> byValue = new LinkedHashMap<>();
    for (Group group : report.groups()) {
      byValue.computeIfAbsent(group.keys().get(dimension.code()), v -> new LinkedHashMap<>())
          .put(group.keys().get("month"), group.n());
    }
    List<Series> series = new ArrayList<>();
    byValue.forEach((value, counts) -> series.add(new Series(label.apply(value),
        months.stream().map(m -> (Number) counts.getOrDefault(m, 0L)).toList())));
    return new Chart(months, series);
  }

  private static LocalDate date(String value, LocalDate otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }
}
