package dev.firebreak.kpi;

import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Severity;
import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.web.FieldChecks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a KPI question asks: the period [from, to), filters (each a list; empty means all) and the
 * grouping. The one shape the API, a page and a version comparison use.
 */
public record KpiQuery(Instant from, Instant to, List<String> services, List<String> types, List<String> severities,
    List<String> teams, Imported imported, List<Dimension> groupBy) {

  /** Whether imported past incidents are counted: included (default), left out, or only they. */
  public enum Imported {
    INCLUDE, EXCLUDE, ONLY
  }

  /** What figures can be grouped by; at most one of week, month, quarter. */
  public enum Dimension {
    SERVICE, TYPE, SEVERITY, TEAM, IMPACT, WEEK, MONTH, QUARTER;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTime() {
      return this == WEEK || this == MONTH || this == QUARTER;
    }
  }

  static final Set<String> PARAMETERS = Set.of("from", "to", "service", "type", "severity", "team", "imported",
      "groupBy", "format", "lang");

  public KpiQuery {
    services = List.copyOf(services);
    types = List.copyOf(types);
    severities = List.copyOf(severities);
    teams = List.copyOf(teams);
    groupBy = List.copyOf(groupBy);
  }

  /** All incidents of the period, not grouped. */
  public static KpiQuery of(Instant from, Instant to) {
    return new KpiQuery(from, to, List.of(), List.of(), List.of(), List.of(), Imported.INCLUDE, List.of());
  }

  public KpiQuery groupedBy(Dimension... dimensions) {
    return new KpiQuery(from, to, services, types, severities, teams, imported, Arrays.asList(dimensions));
  }

  public KpiQuery withServices(String... values) {
    return new KpiQuery(from, to, Arrays.asList(values), types, severities, teams, imported, groupBy);
  }

  public KpiQuery withImported(Imported value) {
    return new KpiQuery(from, to, services, types, severities, teams, value, groupBy);
  }

  public Dimension timeDimension() {
    return groupBy.stream().filter(Dimension::isTime).findFirst().orElse(null);
  }

  /**
   * The query of request parameters ({@code from}, {@code to}: a date in the zone or a date-time with
   * offset; lists comma-separated or repeated). Defaults: the 365 days up to now. Every bad parameter
   * is named in one 400.
   */
  public static KpiQuery parse(Map<String, List<String>> parameters, Instant now, ZoneId zone, Duration maxPeriod) {
    FieldChecks checks = new FieldChecks();
    for (String name : parameters.keySet()) {
      checks.check(PARAMETERS.contains(name), name, "is not a parameter of /api/kpis (one of " + PARAMETERS + ")");
    }
    Instant to = time(checks, "to", single(parameters, "to"), zone);
    Instant from = time(checks, "from", single(parameters, "from"), zone);
    if (to == null) {
      to = now;
    }
    if (from == null) {
      from = to.minus(Duration.ofDays(365));
    }
    checks.check(from.isBefore(to), "from", "must be before to");
    checks.check(!from.plus(maxPeriod).isBefore(to), "to", "the period may be at most " + maxPeriod.toDays() + " days");
    List<String> types = list(parameters, "type");
    for (String type : types) {
      checks.check(Coded.fromCode(IncidentType.class, type).isPresent(), "type",
          "'" + type + "' is not one of " + Coded.codes(IncidentType.class));
    }
    List<String> severities = list(parameters, "severity");
    for (String severity : severities) {
      checks.check(Arrays.stream(Severity.values()).anyMatch(s -> s.name().equals(severity)), "severity",
          "'" + severity + "' is not one of " + Arrays.toString(Severity.values()));
    }
    Imported imported = Imported.INCLUDE;
    String importedValue = single(parameters, "imported");
    if (importedValue != null) {
      try {
        imported = Imported.valueOf(importedValue.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        checks.add("imported", "must be include, exclude or only");
      }
    }
    Set<Dimension> groupBy = new LinkedHashSet<>();
    for (String code : list(parameters, "groupBy")) {
      Dimension dimension = Arrays.stream(Dimension.values()).filter(d -> d.code().equals(code)).findFirst().orElse(null);
      if (dimension == null) {
        checks.add("groupBy", "'" + code + "' is not one of service, type, severity, team, impact, week, month, quarter");
      } else {
        checks.check(groupBy.add(dimension), "groupBy", "names " + code + " twice");
      }
    }
    checks.check(groupBy.stream().filter(Dimension::isTime).count() <= 1, "groupBy",
        "at most one of week, month, quarter");
    String format = single(parameters, "format");
    checks.check(format == null || format.equals("json") || format.equals("csv"), "format", "must be json or csv");
    checks.throwIfAny();
    return new KpiQuery(from, to, list(parameters, "service"), types, severities, list(parameters, "team"), imported,
        new ArrayList<>(groupBy));
  }

  private static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
  }

  private static List<String> list(Map<String, List<String>> parameters, String name) {
    List<String> values = new ArrayList<>();
    for (String value : parameters.getOrDefault(name, List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    return values;
  }

  private static Instant time(FieldChecks checks, String field, String value, ZoneId zone) {
    if (value == null) {
      return null;
    }
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant()
          : OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      checks.add(field, "must be a date (2026-01-31) or a date-time with offset (2026-01-31T09:00:00+09:00)");
      return null;
    }
  }
}
