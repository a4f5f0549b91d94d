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
import dev.firebreak.kpi.KpiRows.Row;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The KPIs of docs/kpis.md, worked out over the incident records' KPI columns as {@link KpiRows} keeps
 * them in memory (brought up to date with the database before every answer). Reads the incident
 * record (read only), kpi's own step table, and (for the DORA block) recovery's deployment table.
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
  private final KpiRows rows;
  private final TransactionTemplate snapshotRead;

  KpiFigures(JdbcClient jdbc, Directory directory, KpiProperties properties, FirebreakProperties firebreak, Texts texts,
      EngineClock clock, KpiRows rows, PlatformTransactionManager transactions) {
    this.rows = rows;
    this.snapshotRead = KpiRows.snapshotRead(transactions);
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

  /**
   * The figures of the query, in the language given (definitions and texts): worked out over the
   * records' KPI columns as {@link KpiRows} keeps them (current with the database before every answer),
   * by {@link KpiAggregate}.
   */
  public KpiReport report(KpiQuery query, Locale locale) {
    Instant end = min(query.to(), clock.now());
    List<Bucket> buckets = buckets(query);
    List<Row> counted = counted(query);
    Map<String, String> teams = query.groupBy().contains(Dimension.TEAM) ? teamOfService() : Map.of();
    long[] bucketStarts = buckets.stream().mapToLong(b -> micros(b.start())).toArray();
    KpiAggregate.GroupKeys keys = (dimension, row) -> switch (dimension) {
      case SERVICE -> row.service();
      case TYPE -> row.type();
      case SEVERITY -> row.severity();
      case IMPACT -> row.impactScope();
      case TEAM -> teams.get(row.service());
      default -> bucket(bucketStarts, row.impactMicros());
    };
    KpiAggregate.Settings settings = new KpiAggregate.Settings(end.toEpochMilli() / 1000.0,
        properties.getMitigationTarget().toSeconds(), Set.copyOf(properties.getAlertSources()));
    boolean perService = query.groupBy().contains(Dimension.SERVICE) || query.services().size() == 1;
    List<Group> groups = KpiAggregate.groups(counted, query.groupBy(), keys, settings).stream()
        .map(figures -> group(figures, query, buckets, end, perService, locale)).toList();
    KpiReport.Recovery recoveryFigures = recovery(counted, locale);
    return new KpiReport(query.from(), query.to(), filters(query), query.groupBy().stream().map(Dimension::code).toList(),
        properties.getMinimumIncidents(), properties.getMitigationTarget().toString(), locale.getLanguage(),
        definitions(locale), groups, recoveryFigures);
  }

  /** The counted incidents of the query (impact in the period, no drills, no dismissed, the filters), in order. */
  private List<Row> counted(KpiQuery query) {
    Set<String> services = Set.copyOf(query.services());
    Set<String> types = Set.copyOf(query.types());
    Set<String> severities = Set.copyOf(query.severities());
    Set<String> teamServices = query.teams().isEmpty() ? null : directory.teams().stream()
        .filter(t -> query.teams().contains(t.id())).flatMap(t -> t.services().stream())
        .collect(Collectors.toSet());
    Predicate<Row> filters = row -> (services.isEmpty() || services.contains(row.service()))
        && (types.isEmpty() || types.contains(row.type()))
        && (severities.isEmpty() || severities.contains(row.severity()))
        && (teamServices == null || teamServices.contains(row.service()))
        && switch (query.imported()) {
          case EXCLUDE -> !row.imported();
          case ONLY -> row.imported();
          default -> true;
        };
    return KpiAggregate.counted(rows.current(), micros(query.from()), micros(query.to()), filters);
  }

  /** The owning team of each service as the directory says now (the first team that lists it). */
  private Map<String, String> teamOfService() {
    Map<String, String> teams = new HashMap<>();
    for (Directory.Team team : directory.teams()) {
      team.services().forEach(service -> teams.putIfAbsent(service, team.id()));
    }
    return teams;
  }

  /** The index of the bucket an impact start falls in (the last bucket takes the rest, as the period ends). */
  private static int bucket(long[] starts, long micros) {
    int found = java.util.Arrays.binarySearch(starts, micros);
    return Math.max(0, found >= 0 ? found : -found - 2);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
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

  private Group group(KpiAggregate.Figures figures, KpiQuery query, List<Bucket> buckets, Instant end,
      boolean perService, Locale locale) {
    Map<String, String> keys = new LinkedHashMap<>();
    Bucket bucket = null;
    for (int d = 0; d < query.groupBy().size(); d++) {
      Dimension dimension = query.groupBy().get(d);
      Object value = figures.keys.get(d);
      if (dimension.isTime()) {
        bucket = buckets.get((Integer) value);
        keys.put(dimension.code(), bucket.label());
      } else {
        keys.put(dimension.code(), value != null ? (String) value
            : dimension == Dimension.SEVERITY ? "unassessed" : "none");
      }
    }
    long n = figures.n;
    Map<String, Stats> durations = new LinkedHashMap<>();
    for (Measure measure : Measure.values()) {
      KpiAggregate.Values values = figures.measures[measure.ordinal()];
      durations.put(measure.code(), stats(values.n(), values.mean(), values.percentile(0.5), values.percentile(0.9),
          locale));
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
      double value = Math.max(0, (period - figures.downtime) / n);
      mtbf = new Figure(n, value, text(value, locale), null);
    }
    long gaps = figures.gaps;
    Double gapMean = figures.gapMean();
    Figure between = gaps < properties.getMinimumIncidents() ? new Figure(gaps, null, null, notEnough(gaps, locale))
        : new Figure(gaps, gapMean, text(gapMean, locale), null);
    return new Group(keys, n, figures.imported, durations, mtbf, between, share(figures.major, figures.majorInTarget,
        locale), share(n, figures.byAlerts, locale));
  }

  /**
   * DORA recovery over the counted incidents: from each incident's deployment records (the recovery
   * feature's deployment table: each rollback, hotfix and canary abort with request and finish time
   * and outcome) where it has them, else from the step table (saved when incidents close). The
   * recovery time of an incident recovered by a deployment is impact started at → the finish of its
   * last succeeded deployment (records), or → the end of Recover service (steps). The two tables are
   * read per incident (only incidents with steps or records have a row) and joined here to the
   * counted incidents.
   */
  private KpiReport.Recovery recovery(List<Row> counted, Locale locale) {
    Map<String, StepRecovery> steps = stepRecoveries();
    Map<String, DeploymentRecovery> deployments = deploymentRecoveries();
    long recoveries = 0;
    long byDeployment = 0;
    long rollbacks = 0;
    long hotfixes = 0;
    long aborts = 0;
    long recorded = 0;
    KpiAggregate.Values times = new KpiAggregate.Values();
    for (Row row : counted) {
      StepRecovery s = steps.get(row.key());
      DeploymentRecovery d = deployments.get(row.key());
      if (s == null && d == null) {
        continue;
      }
      boolean recovered = s != null && s.recovered();
      Instant recoveredAt = d != null ? d.recoveredAt()
          : s.rollbacks() + s.hotfixes() > 0 ? s.recoveredAt() : null;
      recoveries += recovered ? 1 : 0;
      byDeployment += recovered && recoveredAt != null ? 1 : 0;
      rollbacks += d != null ? d.rollbacks() : s.rollbacks();
      hotfixes += d != null ? d.hotfixes() : s.hotfixes();
      aborts += d != null ? d.aborts() : 0;
      recorded += d != null ? d.n() : 0;
      if (recoveredAt != null) {
        times.add(Math.max(0, recoveredAt.toEpochMilli() / 1000.0 - row.impactSeconds()));
      }
    }
    long all = rollbacks + hotfixes + aborts;
    Stats stats = stats(times.n(), times.mean(), times.percentile(0.5), times.percentile(0.9), locale);
    return new KpiReport.Recovery(recoveries, share(recoveries, byDeployment, locale), all, recorded,
        share(all, rollbacks, locale), share(all, hotfixes, locale), share(all, aborts, locale), stats);
  }

  /** What an incident's saved steps say of its recovery: went through Recover service (its end), requests. */
  private record StepRecovery(boolean recovered, Instant recoveredAt, long rollbacks, long hotfixes) {
  }

  /** What an incident's deployment records say: how many, of which kind, the last succeeded finish. */
  private record DeploymentRecovery(long n, long rollbacks, long hotfixes, long aborts, Instant recoveredAt) {
  }

  /** The steps' recovery figures per incident, with the COUNT and SUM of the ids they were read at. */
  private record StepRecoveries(long count, long idSum, Map<String, StepRecovery> byIncident) {
  }

  private volatile StepRecoveries stepRecoveries = new StepRecoveries(-1, -1, Map.of());

  /**
   * The recovery steps per incident, read again only when COUNT or SUM of their ids changed: steps
   * are only inserted (ids only grow) or replaced by a new snapshot of the incident (new, higher ids),
   * so any change, also a later commit of a lower id, changes one of the two.
   */
  private Map<String, StepRecovery> stepRecoveries() {
    long[] now = stepFingerprint();
    StepRecoveries known = stepRecoveries;
    if (known.count() == now[0] && known.idSum() == now[1]) {
      return known.byIncident();
    }
    // read in one snapshot with its own COUNT and SUM, so the figures and the check belong together
    StepRecoveries fresh = snapshotRead.execute(status -> {
      long[] at = stepFingerprint();
      return new StepRecoveries(at[0], at[1], readStepRecoveries());
    });
    stepRecoveries = fresh;
    return fresh.byIncident();
  }

  private long[] stepFingerprint() {
    return jdbc.sql("SELECT COUNT(*) AS n, COALESCE(SUM(id), 0) AS s FROM incident_step "
        + "WHERE activity_id IN (:recoverService, :rollback, :hotfix)")
        .param("recoverService", IncidentProcess.Elements.RECOVER_SERVICE)
        .param("rollback", RecoveryProcess.Elements.REQUEST_ROLLBACK)
        .param("hotfix", RecoveryProcess.Elements.REQUEST_HOTFIX_DEPLOYMENT)
        .query((rs, n) -> new long[] {rs.getLong("n"), rs.getLong("s")}).single();
  }

  private Map<String, StepRecovery> readStepRecoveries() {
    Map<String, StepRecovery> steps = new HashMap<>();
    jdbc.sql("""
        SELECT st.incident_key AS incident_key,
          MAX(CASE WHEN st.process_key = 'incident' AND st.activity_id = :recoverService THEN 1 ELSE 0 END) AS recovered,
          MAX(CASE WHEN st.process_key = 'incident' AND st.activity_id = :recoverService THEN st.ended_at END)
            AS recovered_at,
          SUM(CASE WHEN st.process_key = 'recovery' AND st.activity_id = :rollback THEN 1 ELSE 0 END) AS rollbacks,
          SUM(CASE WHEN st.process_key = 'recovery' AND st.activity_id = :hotfix THEN 1 ELSE 0 END) AS hotfixes
        FROM incident_step st WHERE st.activity_id IN (:recoverService, :rollback, :hotfix)
        GROUP BY st.incident_key""")
        .param("recoverService", IncidentProcess.Elements.RECOVER_SERVICE)
        .param("rollback", RecoveryProcess.Elements.REQUEST_ROLLBACK)
        .param("hotfix", RecoveryProcess.Elements.REQUEST_HOTFIX_DEPLOYMENT)
        .query((rs, n) -> steps.put(rs.getString("incident_key"), new StepRecovery(rs.getInt("recovered") == 1,
            instant(rs.getObject("recovered_at", java.time.OffsetDateTime.class)), rs.getLong("rollbacks"),
            rs.getLong("hotfixes"))))
        .list();
    return steps;
  }

  private Map<String, DeploymentRecovery> deploymentRecoveries() {
    Map<String, DeploymentRecovery> deployments = new HashMap<>();
    jdbc.sql("""
        SELECT de.incident_key AS incident_key, COUNT(*) AS n,
          SUM(CASE WHEN de.action = :rollbackAction THEN 1 ELSE 0 END) AS rollbacks,
          SUM(CASE WHEN de.action = :hotfixAction THEN 1 ELSE 0 END) AS hotfixes,
          SUM(CASE WHEN de.action = :abortAction THEN 1 ELSE 0 END) AS aborts,
          MAX(CASE WHEN de.outcome = :succeeded AND de.finished_at IS NOT NULL THEN de.finished_at END) AS recovered_at
        FROM deployment de GROUP BY de.incident_key""")
        .param("rollbackAction", DeploymentRequest.Action.ROLLBACK.code())
        .param("hotfixAction", DeploymentRequest.Action.HOTFIX.code())
        .param("abortAction", DeploymentRequest.Action.ABORT_CANARY.code())
        .param("succeeded", DeploymentOutcome.SUCCEEDED.code())
        .query((rs, n) -> deployments.put(rs.getString("incident_key"), new DeploymentRecovery(rs.getLong("n"),
            rs.getLong("rollbacks"), rs.getLong("hotfixes"), rs.getLong("aborts"),
            instant(rs.getObject("recovered_at", java.time.OffsetDateTime.class)))))
        .list();
    return deployments;
  }

  private static Instant instant(java.time.OffsetDateTime time) {
    return time == null ? null : time.toInstant();
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
