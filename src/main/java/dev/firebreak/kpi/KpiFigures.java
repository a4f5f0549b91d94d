package dev.firebreak.kpi;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.kpi.KpiQuery.Dimension;
import dev.firebreak.kpi.KpiReport.Figure;
import dev.firebreak.kpi.KpiReport.Group;
import dev.firebreak.kpi.KpiReport.Measure;
import dev.firebreak.kpi.KpiReport.Share;
import dev.firebreak.kpi.KpiReport.Stats;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.time.Durations;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.recovery.DeploymentOutcome;
import dev.firebreak.recovery.DeploymentRequest;
import dev.firebreak.recovery.RecoveryProcess;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The KPIs of docs/kpis.md, computed by the database in one aggregate query per answer (percentiles
 * as {@code PERCENTILE_CONT … WITHIN GROUP}, which H2 and PostgreSQL both have). Reads the incident
 * record (read only), kpi's own step table, and (for the DORA block, in the same aggregate) recovery's deployment table.
 */
@Service
public class KpiFigures {

  /**
   * Impact started at (else detected at), and the five durations in seconds: generated columns of the
   * incident record (V39), computed by the database when the record changes, not per request.
   */
  static final String IMPACT = "i.kpi_impact_at";
  private static final Map<Measure, String[]> MEASURES = Map.of(
      Measure.TIME_TO_DETECT, new String[] {"ttd", "i.kpi_ttd_s"},
      Measure.TIME_TO_ACKNOWLEDGE, new String[] {"tta", "i.kpi_tta_s"},
      Measure.TIME_TO_MITIGATE, new String[] {"ttm", "i.kpi_ttm_s"},
      Measure.TIME_TO_RESOLVE, new String[] {"ttr", "i.kpi_ttr_s"},
      Measure.TIME_TO_CLOSE, new String[] {"ttc", "i.kpi_ttc_s"});

  private final JdbcClient jdbc;
  private final Directory directory;
  private final KpiProperties properties;
  private final FirebreakProperties firebreak;
  private final Texts texts;
  private final EngineClock clock;

  KpiFigures(JdbcClient jdbc, Directory directory, KpiProperties properties, FirebreakProperties firebreak, Texts texts,
      EngineClock clock) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.properties = properties;
    this.firebreak = firebreak;
    this.texts = texts;
    this.clock = clock;
  }

  public KpiProperties properties() {
    return properties;
  }

  Texts texts() {
    return texts;
  }

  public ZoneId zone() {
    return firebreak.getZone();
  }

  /** The figures of the query, in the language given (definitions and texts). */
  public KpiReport report(KpiQuery query, Locale locale) {
    Instant end = min(query.to(), clock.now());
    List<Bucket> buckets = buckets(query);
    Sql sql = new Sql();
    String where = counted(query, sql);
    sql.params.put("endSeconds", end.toEpochMilli() / 1000.0);
    sql.params.put("target", (double) properties.getMitigationTarget().toSeconds());
    sql.params.put("alertSources", properties.getAlertSources());

    StringBuilder inner = new StringBuilder("SELECT i.service AS service, i.incident_type AS incident_type, "
        + "i.severity AS severity, i.impact_scope AS impact_scope, i.imported AS imported, i.source AS source, ");
    // the team of the service (a CASE over the directory's services) only when grouped by it: per row
    if (query.groupBy().contains(Dimension.TEAM)) {
      inner.append(teamExpression(sql)).append(" AS team, ");
    }
    inner.append(bucketExpression(buckets, sql)).append(" AS bucket");
    for (Measure measure : Measure.values()) {
      String[] m = MEASURES.get(measure);
      inner.append(", ").append(m[1]).append(" AS ").append(m[0]);
    }
    inner.append(", COALESCE(i.kpi_ttm_s, :endSeconds - i.kpi_impact_s) AS downtime");
    // the window's order is the order of incident_kpi_counted_idx (PostgreSQL): no sort for it
    inner.append(", i.kpi_impact_s - LAG(i.kpi_resolved_s) OVER (PARTITION BY i.service ORDER BY ").append(IMPACT)
        .append(", i.incident_key) AS gap");
    inner.append(" FROM incident i WHERE ").append(where);

    List<String> groupColumns = query.groupBy().stream().map(KpiFigures::column).toList();
    // grouped with the service first (the window's partition: its rows come sorted by service), answered in
    // the order asked
    List<String> grouping = new ArrayList<>(groupColumns);
    if (grouping.remove("service")) {
      grouping.add(0, "service");
    }
    StringBuilder outer = new StringBuilder("SELECT ");
    for (String column : groupColumns) {
      outer.append("f.").append(column).append(" AS g_").append(column).append(", ");
    }
    outer.append("COUNT(*) AS n, SUM(CASE WHEN f.imported THEN 1 ELSE 0 END) AS imported_n, "
        + "SUM(CASE WHEN f.source IN (:alertSources) THEN 1 ELSE 0 END) AS by_alerts, "
        + "SUM(CASE WHEN f.severity IN ('SEV1', 'SEV2') THEN 1 ELSE 0 END) AS major_n, "
        + "SUM(CASE WHEN f.severity IN ('SEV1', 'SEV2') AND f.ttm <= :target THEN 1 ELSE 0 END) AS major_in_target, "
        + "SUM(f.downtime) AS downtime, COUNT(f.gap) AS gap_n, AVG(CASE WHEN f.gap < 0 THEN 0 ELSE f.gap END) AS gap_mean");
    for (Measure measure : Measure.values()) {
      String c = MEASURES.get(measure)[0];
      outer.append(", COUNT(f.").append(c).append(") AS ").append(c).append("_n, AVG(f.").append(c).append(") AS ")
          .append(c).append("_mean, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.").append(c).append(") AS ")
          .append(c).append("_p50, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY f.").append(c).append(") AS ")
          .append(c).append("_p90");
    }
    outer.append(" FROM (").append(inner).append(") f");
    if (!groupColumns.isEmpty()) {
      outer.append(" GROUP BY ").append(String.join(", ", grouping.stream().map(c -> "f." + c).toList()))
          .append(" ORDER BY ").append(String.join(", ", groupColumns.stream().map(c -> "f." + c).toList()));
    }

    boolean perService = query.groupBy().contains(Dimension.SERVICE) || query.services().size() == 1;
    List<Group> groups = jdbc.sql(outer.toString()).params(sql.params)
        .query((rs, row) -> group(rs, query, buckets, end, perService, locale)).list();
    return new KpiReport(query.from(), query.to(), filters(query), query.groupBy().stream().map(Dimension::code).toList(),
        properties.getMinimumIncidents(), properties.getMitigationTarget().toString(), locale.getLanguage(),
        definitions(locale), groups, recovery(query, locale));
  }

  /** The services of incidents that KPIs count (no drills), sorted: the page's service filter. */
  public List<String> services() {
    return jdbc.sql("SELECT DISTINCT service FROM incident WHERE drill = FALSE ORDER BY service").query(String.class)
        .list();
  }

  /** The measure in seconds over {@code incident i} (null when a time is missing): its stored column. */
  static String measureSeconds(Measure measure) {
    return MEASURES.get(measure)[1];
  }

  /** The figures' definitions in the language, by figure (docs/kpis.md). */
  public Map<String, String> definitions(Locale locale) {
    Map<String, String> definitions = new LinkedHashMap<>();
    for (String code : List.of("counted", "impactStartedAt", "detectedAt", "declaredAt", "acknowledgedAt",
        "mitigatedAt", "resolvedAt", "closedAt", "timeToDetect", "timeToAcknowledge", "timeToMitigate",
        "timeToResolve", "timeToClose", "statistics", "mtbf", "meanTimeBetweenIncidents",
        "sev1Sev2MitigatedWithinTarget", "detectedByAlerts", "notEnough", "steps", "failedDeploymentRecoveryTime",
        "recoveryDeployments")) {
      Object arg = switch (code) {
        case "sev1Sev2MitigatedWithinTarget" -> Durations.duration(properties.getMitigationTarget(), locale);
        case "notEnough" -> properties.getMinimumIncidents();
        default -> null;
      };
      definitions.put(code, arg == null ? texts.get(locale, "kpi.definition." + code)
          : texts.get(locale, "kpi.definition." + code, arg));
    }
    return definitions;
  }

  private Group group(ResultSet rs, KpiQuery query, List<Bucket> buckets, Instant end, boolean perService,
      Locale locale) throws SQLException {
    Map<String, String> keys = new LinkedHashMap<>();
    Bucket bucket = null;
    for (Dimension dimension : query.groupBy()) {
      String column = "g_" + column(dimension);
      if (dimension.isTime()) {
        bucket = buckets.get(rs.getInt(column));
        keys.put(dimension.code(), bucket.label());
      } else {
        String value = rs.getString(column);
        keys.put(dimension.code(), value != null ? value : dimension == Dimension.SEVERITY ? "unassessed" : "none");
      }
    }
    long n = rs.getLong("n");
    Map<String, Stats> durations = new LinkedHashMap<>();
    for (Measure measure : Measure.values()) {
      String c = MEASURES.get(measure)[0];
      durations.put(measure.code(), stats(rs.getLong(c + "_n"), number(rs, c + "_mean"), number(rs, c + "_p50"),
          number(rs, c + "_p90"), locale));
    }
    Figure mtbf;
    if (!perService) {
      mtbf = new Figure(n, null, null, texts.get(locale, "kpi.perServiceOnly"));
    } else if (n < properties.getMinimumIncidents()) {
      mtbf = new Figure(n, null, null, notEnough(n, locale));
    } else {
      Instant from = bucket == null ? query.from() : max(bucket.start(), query.from());
      Instant to = bucket == null ? end : min(bucket.end(), end);
      double period = Math.max(0, Duration.between(from, to).toSeconds());
      Double downtime = number(rs, "downtime");
      double value = Math.max(0, (period - (downtime == null ? 0 : downtime)) / n);
      mtbf = new Figure(n, value, text(value, locale), null);
    }
    long gaps = rs.getLong("gap_n");
    Double gapMean = number(rs, "gap_mean");
    Figure between = gaps < properties.getMinimumIncidents() ? new Figure(gaps, null, null, notEnough(gaps, locale))
        : new Figure(gaps, gapMean, text(gapMean, locale), null);
    return new Group(keys, n, rs.getLong("imported_n"), durations, mtbf, between,
        share(rs.getLong("major_n"), rs.getLong("major_in_target"), locale),
        share(n, rs.getLong("by_alerts"), locale));
  }

  /**
   * DORA recovery per counted incident, in one query in the database (no row per incident in Java):
   * from its deployment records (the recovery feature's deployment table: each rollback, hotfix and
   * canary abort with request and finish time and outcome) where it has them, else from the step
   * table (saved when incidents close). The recovery time of an incident recovered by a deployment is
   * impact started at → the finish of its last succeeded deployment (records), or → the end of
   * Recover service (steps). Only incidents with steps or records are joined.
   */
  private KpiReport.Recovery recovery(KpiQuery query, Locale locale) {
    Sql sql = new Sql();
    String where = counted(query, sql);
    sql.params.put("recoverService", IncidentProcess.Elements.RECOVER_SERVICE);
    sql.params.put("rollback", RecoveryProcess.Elements.REQUEST_ROLLBACK);
    sql.params.put("hotfix", RecoveryProcess.Elements.REQUEST_HOTFIX_DEPLOYMENT);
    sql.params.put("rollbackAction", DeploymentRequest.Action.ROLLBACK.code());
    sql.params.put("hotfixAction", DeploymentRequest.Action.HOTFIX.code());
    sql.params.put("abortAction", DeploymentRequest.Action.ABORT_CANARY.code());
    sql.params.put("succeeded", DeploymentOutcome.SUCCEEDED.code());
    return jdbc.sql("""
        SELECT SUM(z.recovered) AS recoveries,
          SUM(CASE WHEN z.recovered = 1 AND z.recovered_at IS NOT NULL THEN 1 ELSE 0 END) AS by_deployment,
          SUM(z.rollbacks) AS rollbacks, SUM(z.hotfixes) AS hotfixes, SUM(z.aborts) AS aborts,
          SUM(z.from_table) AS from_table,
          COUNT(z.t) AS n, AVG(z.t) AS mean, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY z.t) AS p50,
          PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY z.t) AS p90
        FROM (SELECT y.recovered, y.rollbacks, y.hotfixes, y.aborts, y.from_table, y.recovered_at,
            CASE WHEN y.recovered_at IS NOT NULL THEN GREATEST(0,
              CAST(EXTRACT(EPOCH FROM y.recovered_at) AS DOUBLE PRECISION) - y.impact_s) END AS t
          FROM (SELECT COALESCE(s.recovered, 0) AS recovered,
              CASE WHEN d.n > 0 THEN d.rollbacks ELSE COALESCE(s.rollbacks, 0) END AS rollbacks,
              CASE WHEN d.n > 0 THEN d.hotfixes ELSE COALESCE(s.hotfixes, 0) END AS hotfixes,
              COALESCE(d.aborts, 0) AS aborts, COALESCE(d.n, 0) AS from_table,
              CASE WHEN d.n > 0 THEN d.recovered_at
                WHEN s.rollbacks + s.hotfixes > 0 THEN s.recovered_at END AS recovered_at,
              i.kpi_impact_s AS impact_s
            FROM incident i
              LEFT JOIN (SELECT st.incident_key AS incident_key,
                  MAX(CASE WHEN st.process_key = 'incident' AND st.activity_id = :recoverService THEN 1 ELSE 0 END)
                    AS recovered,
                  MAX(CASE WHEN st.process_key = 'incident' AND st.activity_id = :recoverService THEN st.ended_at END)
                    AS recovered_at,
                  SUM(CASE WHEN st.process_key = 'recovery' AND st.activity_id = :rollback THEN 1 ELSE 0 END)
                    AS rollbacks,
                  SUM(CASE WHEN st.process_key = 'recovery' AND st.activity_id = :hotfix THEN 1 ELSE 0 END)
                    AS hotfixes
                FROM incident_step st WHERE st.activity_id IN (:recoverService, :rollback, :hotfix)
                GROUP BY st.incident_key) s ON s.incident_key = i.incident_key
              LEFT JOIN (SELECT de.incident_key AS incident_key, COUNT(*) AS n,
                  SUM(CASE WHEN de.action = :rollbackAction THEN 1 ELSE 0 END) AS rollbacks,
                  SUM(CASE WHEN de.action = :hotfixAction THEN 1 ELSE 0 END) AS hotfixes,
                  SUM(CASE WHEN de.action = :abortAction THEN 1 ELSE 0 END) AS aborts,
                  MAX(CASE WHEN de.outcome = :succeeded AND de.finished_at IS NOT NULL THEN de.finished_at END)
                    AS recovered_at
                FROM deployment de GROUP BY de.incident_key) d ON d.incident_key = i.incident_key
            WHERE %s AND (s.incident_key IS NOT NULL OR d.incident_key IS NOT NULL)) y) z""".formatted(where))
        .params(sql.params)
        .query((rs, row) -> {
          long recoveries = rs.getLong("recoveries");
          long rollbacks = rs.getLong("rollbacks");
          long hotfixes = rs.getLong("hotfixes");
          long aborts = rs.getLong("aborts");
          long all = rollbacks + hotfixes + aborts;
          Stats stats = stats(rs.getLong("n"), number(rs, "mean"), number(rs, "p50"), number(rs, "p90"), locale);
          return new KpiReport.Recovery(recoveries, share(recoveries, rs.getLong("by_deployment"), locale), all,
              rs.getLong("from_table"), share(all, rollbacks, locale), share(all, hotfixes, locale),
              share(all, aborts, locale), stats);
        })
        .single();
  }

  Stats stats(long n, Double mean, Double median, Double p90, Locale locale) {
    if (n < properties.getMinimumIncidents()) {
      return new Stats(n, null, null, null, null, null, null, notEnough(n, locale));
    }
    return new Stats(n, mean, median, p90, text(mean, locale), text(median, locale), text(p90, locale), null);
  }

  private Share share(long n, long count, Locale locale) {
    if (n < properties.getMinimumIncidents()) {
      return new Share(n, count, null, notEnough(n, locale));
    }
    return new Share(n, count, (double) count / n, null);
  }

  String notEnough(long n, Locale locale) {
    return texts.get(locale, "kpi.notEnough", n, properties.getMinimumIncidents());
  }

  static String text(Double seconds, Locale locale) {
    return seconds == null ? null : Durations.duration(Duration.ofSeconds(Math.round(seconds)), locale);
  }

  /**
   * The counted incidents of the query as a WHERE clause over {@code incident i}: impact in the
   * period, no drills, no dismissed false positives, the filters.
   */
  String counted(KpiQuery query, Sql sql) {
    StringBuilder where = new StringBuilder("i.drill = FALSE AND i.status <> 'dismissed' AND " + IMPACT
        + " >= :from AND " + IMPACT + " < :to");
    sql.params.put("from", utc(query.from()));
    sql.params.put("to", utc(query.to()));
    if (!query.services().isEmpty()) {
      where.append(" AND i.service IN (:services)");
      sql.params.put("services", query.services());
    }
    if (!query.types().isEmpty()) {
      where.append(" AND i.incident_type IN (:types)");
      sql.params.put("types", query.types());
    }
    if (!query.severities().isEmpty()) {
      where.append(" AND i.severity IN (:severities)");
      sql.params.put("severities", query.severities());
    }
    if (!query.teams().isEmpty()) {
      List<String> services = directory.teams().stream().filter(t -> query.teams().contains(t.id()))
          .flatMap(t -> t.services().stream()).toList();
      if (services.isEmpty()) {
        where.append(" AND 1 = 0");
      } else {
        where.append(" AND i.service IN (:teamServices)");
        sql.params.put("teamServices", services);
      }
    }
    switch (query.imported()) {
      case EXCLUDE -> where.append(" AND i.imported = FALSE");
      case ONLY -> where.append(" AND i.imported = TRUE");
      default -> { }
    }
    return where.toString();
  }

  /** The owning team of the service as the directory says now (CASE over its services). */
  private String teamExpression(Sql sql) {
    StringBuilder expression = new StringBuilder("CASE i.service");
    int index = 0;
    for (Directory.Team team : directory.teams()) {
      for (String service : team.services()) {
        expression.append(" WHEN :teamService").append(index).append(" THEN CAST(:team").append(index)
            .append(" AS VARCHAR(64))");
        sql.params.put("teamService" + index, service);
        sql.params.put("team" + index, team.id());
        index++;
      }
    }
    return index == 0 ? "CAST(NULL AS VARCHAR(64))" : expression.append(" ELSE NULL END").toString();
  }

  private static String bucketExpression(List<Bucket> buckets, Sql sql) {
    if (buckets.size() <= 1) {
      return "0";
    }
    StringBuilder expression = new StringBuilder("CASE");
    for (int b = 1; b < buckets.size(); b++) {
      expression.append(" WHEN ").append(IMPACT).append(" < :bucket").append(b).append(" THEN ").append(b - 1);
      sql.params.put("bucket" + b, utc(buckets.get(b).start()));
    }
    return expression.append(" ELSE ").append(buckets.size() - 1).append(" END").toString();
  }

  /** A time bucket of the grouping: [start, end) in the zone, labelled 2026-01, 2026-W05 or 2026-Q1. */
  record Bucket(String label, Instant start, Instant end) {
  }

  List<Bucket> buckets(KpiQuery query) {
    Dimension time = query.timeDimension();
    if (time == null) {
      return List.of(new Bucket("all", query.from(), query.to()));
    }
    ZoneId zone = firebreak.getZone();
    LocalDate first = query.from().atZone(zone).toLocalDate();
    LocalDate start = switch (time) {
      case WEEK -> first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> first.withDayOfMonth(1);
      default -> first.withMonth(((first.getMonthValue() - 1) / 3) * 3 + 1).withDayOfMonth(1);
    };
    List<Bucket> buckets = new ArrayList<>();
    while (start.atStartOfDay(zone).toInstant().isBefore(query.to())) {
      LocalDate next = switch (time) {
        case WEEK -> start.plusWeeks(1);
        case MONTH -> start.plusMonths(1);
        default -> start.plusMonths(3);
      };
      String label = switch (time) {
        case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        case MONTH -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
        default -> String.format("%d-Q%d", start.getYear(), (start.getMonthValue() - 1) / 3 + 1);
      };
      ZonedDateTime s = start.atStartOfDay(zone);
      buckets.add(new Bucket(label, s.toInstant(), next.atStartOfDay(zone).toInstant()));
      start = next;
    }
    return buckets;
  }

  private static String column(Dimension dimension) {
    return switch (dimension) {
      case SERVICE -> "service";
      case TYPE -> "incident_type";
      case SEVERITY -> "severity";
      case TEAM -> "team";
      case IMPACT -> "impact_scope";
      default -> "bucket";
    };
  }

  private static Map<String, Object> filters(KpiQuery query) {
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("service", query.services());
    filters.put("type", query.types());
    filters.put("severity", query.severities());
    filters.put("team", query.teams());
    filters.put("imported", query.imported().name().toLowerCase(Locale.ROOT));
    return filters;
  }

  /** Seconds from {@code earlier} to {@code later}, portable between H2 and PostgreSQL. */
  static String seconds(String later, String earlier) {
    return "CAST(EXTRACT(EPOCH FROM " + later + ") - EXTRACT(EPOCH FROM " + earlier + ") AS DOUBLE PRECISION)";
  }

  static Double number(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).doubleValue();
  }

  static java.time.OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Named parameters of one statement. */
  static final class Sql {
    final Map<String, Object> params = new LinkedHashMap<>();
  }
}
