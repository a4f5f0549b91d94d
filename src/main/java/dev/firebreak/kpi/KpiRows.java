package dev.firebreak.kpi;

import dev.firebreak.incident.IncidentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The KPI columns of every incident record (V39's stored durations, the filter columns), kept in this
 * node's memory so that an answer is worked out from them instead of by one aggregate over the table
 * per request (docs/BENCHMARKS.md, issue 13: the aggregate alone took 0.5 s over 100,000 incidents).
 *
 * <p>Never stale: before every answer one statement reads COUNT, SUM and MAX of the records'
 * {@code row_version} (V42: every insert and update of a record takes the next number, whoever writes
 * it, on any node). Equal to the copy's: the copy is current. Otherwise the rows above the copy's
 * highest number are read, in the same snapshot, and merged; if COUNT and SUM still differ (a
 * transaction that took a lower number committed later), everything is read again. About 150 bytes a
 * record (15 MB for 100,000 incidents).
 */
@Component
public class KpiRows {

  private static final String COLUMNS = "SELECT incident_key, service, incident_type, severity, impact_scope, source, "
      + "imported, drill, status, kpi_impact_at, kpi_impact_s, kpi_resolved_s, kpi_ttd_s, kpi_tta_s, kpi_ttm_s, "
      + "kpi_ttr_s, kpi_ttc_s, row_version FROM incident";

  /**
   * One record's KPI columns; the durations in seconds, {@code NaN} where the record lacks a time.
   * {@code counted}: not a drill and not dismissed as a false positive.
   */
  record Row(String key, String service, String type, String severity, String impactScope, String source,
      boolean imported, boolean counted, long impactMicros, double impactSeconds, double resolvedSeconds,
      double[] durations, long version) {

    double duration(int measure) {
      return durations[measure];
    }
  }

  /** The rows ordered by service, impact start and key (the order the gap between incidents is taken in). */
  record Snapshot(List<Row> rows, long count, long versionSum, long maxVersion) {
  }

  private static final Comparator<Row> ORDER = Comparator.comparing(Row::service, Comparator.nullsLast(
      Comparator.naturalOrder())).thenComparingLong(Row::impactMicros).thenComparing(Row::key);

  private static final Logger log = LoggerFactory.getLogger(KpiRows.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate snapshotRead;
  private volatile Snapshot current = new Snapshot(List.of(), 0, 0, 0);

  KpiRows(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.snapshotRead = new TransactionTemplate(transactions);
    snapshotRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshotRead.setReadOnly(true);
  }

  /**
   * Reads the copy once when the node is ready, in the background, so that the first person to ask
   * does not wait for it (an answer before it is done reads or waits for the copy itself).
   */
  @EventListener(ApplicationReadyEvent.class)
  void readInTheBackground() {
    Thread reader = new Thread(() -> {
      try {
        current();
      } catch (RuntimeException e) {
        log.warn("KPI rows not read at start-up (the first answer reads them): {}", e.getMessage());
      }
    }, "kpi-rows");
    reader.setDaemon(true);
    reader.start();
  }

  /** The rows as the database has them now (read or brought up to date first when they changed). */
  List<Row> current() {
    Snapshot known = current;
    long[] database = fingerprint();
    if (matches(known, database)) {
      return known.rows();
    }
    synchronized (this) {
      Snapshot fresh = snapshotRead.execute(status -> refreshed(current));
      current = fresh;
      return fresh.rows();
    }
  }

  private Snapshot refreshed(Snapshot known) {
    long[] database = fingerprint();
    if (matches(known, database)) {
      return known;
    }
    Map<String, Row> byKey = new HashMap<>(known.rows().size() * 2);
    known.rows().forEach(row -> byKey.put(row.key(), row));
    long count = known.count();
    long sum = known.versionSum();
    long max = known.maxVersion();
    for (Row row : read(" WHERE row_version > ?", known.maxVersion())) {
      Row before = byKey.put(row.key(), row);
      count += before == null ? 1 : 0;
      sum += row.version() - (before == null ? 0 : before.version());
      max = Math.max(max, row.version());
    }
    if (count != database[0] || sum != database[1]) {
      // a lower number committed after a higher one: read everything again (same snapshot)
      byKey.clear();
      read("", null).forEach(row -> byKey.put(row.key(), row));
      count = database[0];
      sum = database[1];
      max = database[2];
    }
    List<Row> rows = new ArrayList<>(byKey.values());
    rows.sort(ORDER);
    return new Snapshot(List.copyOf(rows), count, sum, max);
  }

  private static boolean matches(Snapshot known, long[] database) {
    return known.count() == database[0] && known.versionSum() == database[1] && known.maxVersion() == database[2];
  }

  private long[] fingerprint() {
    return jdbc.sql("SELECT COUNT(*) AS n, COALESCE(SUM(row_version), 0) AS s, COALESCE(MAX(row_version), 0) AS m "
        + "FROM incident").query((rs, n) -> new long[] {rs.getLong("n"), rs.getLong("s"), rs.getLong("m")}).single();
  }

  private List<Row> read(String where, Long above) {
    var statement = jdbc.sql(COLUMNS + where);
    if (above != null) {
      statement = statement.param(above);
    }
    return statement.query((rs, n) -> row(rs)).list();
  }

  private static Row row(ResultSet rs) throws SQLException {
    OffsetDateTime impact = rs.getObject("kpi_impact_at", OffsetDateTime.class);
    long micros = impact.toEpochSecond() * 1_000_000L + impact.getNano() / 1_000;
    double[] durations = new double[5];
    String[] columns = {"kpi_ttd_s", "kpi_tta_s", "kpi_ttm_s", "kpi_ttr_s", "kpi_ttc_s"};
    for (int i = 0; i < columns.length; i++) {
      durations[i] = seconds(rs, columns[i]);
    }
    boolean counted = !rs.getBoolean("drill") && !IncidentStatus.DISMISSED.code().equals(rs.getString("status"));
    return new Row(rs.getString("incident_key"), intern(rs.getString("service")), intern(rs.getString("incident_type")),
        intern(rs.getString("severity")), intern(rs.getString("impact_scope")), intern(rs.getString("source")),
        rs.getBoolean("imported"), counted, micros, rs.getDouble("kpi_impact_s"), seconds(rs, "kpi_resolved_s"),
        durations, rs.getLong("row_version"));
  }

  private static double seconds(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : value;
  }

  private static String intern(String value) {
    return value == null ? null : value.intern();
  }
}
