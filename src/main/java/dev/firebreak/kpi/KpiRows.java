package dev.firebreak.kpi;

import dev.firebreak.incident.IncidentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>Never stale. On PostgreSQL the database tells which records were written: V42's trigger
 * notifies the key of every written record when its transaction commits, {@link IncidentChanges}
 * listens, and before every answer the records told since the last one are read again by key. On H2,
 * and whenever the listener cannot vouch for what it was told (it is listening afresh, its connection
 * was lost), one statement reads COUNT, SUM and MAX of the records' {@code row_version} (V42: every
 * insert and update of a record takes the next number, whoever writes it, on any node): equal to the
 * copy's, the copy is current; otherwise the rows above the copy's highest number are read, in the
 * same snapshot, and merged; if COUNT and SUM still differ (a transaction that took a lower number
 * committed later, or a record was deleted), everything is read again. About 150 bytes a record
 * (15 MB for 100,000 incidents).
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
  private final IncidentChanges changes;
  private final TransactionTemplate snapshotRead;
  private volatile Snapshot current = new Snapshot(List.of(), 0, 0, 0);
  /** The rows of {@link #current} by key; changed only under this object's lock, after every read succeeded. */
  private final Map<String, Row> byKey = new HashMap<>();

  KpiRows(JdbcClient jdbc, PlatformTransactionManager transactions, IncidentChanges changes) {
    this.jdbc = jdbc;
    this.changes = changes;
    this.snapshotRead = snapshotRead(transactions);
  }

  /** A read-only transaction that sees one snapshot for all its statements. */
  static TransactionTemplate snapshotRead(PlatformTransactionManager transactions) {
    TransactionTemplate template = new TransactionTemplate(transactions);
    template.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    template.setReadOnly(true);
    return template;
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

  /**
   * The rows as the database has them now: on PostgreSQL the records the database told
   * {@link IncidentChanges} were written are read again by key; otherwise (H2, or not listening)
   * the copy is compared with the table by COUNT and SUM of the row versions first.
   */
  List<Row> current() {
    if (changes.listens()) {
      synchronized (this) {
        Set<String> keys = changes.changed();
        if (keys != null) {
          if (!keys.isEmpty()) {
            current = withKeysRead(current, keys);
          }
          return current.rows();
        }
        return compared();
      }
    }
    Snapshot known = current;
    if (matches(known, fingerprint())) {
      return known.rows();
    }
    synchronized (this) {
      return compared();
    }
  }

  private List<Row> compared() {
    try {
      Snapshot fresh = snapshotRead.execute(status -> refreshed(current));
      current = fresh;
      return fresh.rows();
    } catch (RuntimeException e) {
      changes.forget(); // the copy is not known to be current: compare again next time
      throw e;
    }
  }

  /** The copy with the records of the keys read again (a key without a record: deleted). */
  private Snapshot withKeysRead(Snapshot known, Set<String> keys) {
    List<Row> read = new ArrayList<>();
    List<String> all = new ArrayList<>(keys);
    try {
      for (int from = 0; from < all.size(); from += 1000) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
        read.addAll(jdbc.sql(COLUMNS + " WHERE incident_key IN (:keys)").param("keys", chunk)
            .query((rs, n) -> row(rs)).list());
      }
    } catch (RuntimeException e) {
      changes.forget();
      throw e;
    }
    Set<String> found = new HashSet<>();
    List<Row> changed = new ArrayList<>();
    for (Row row : read) {
      found.add(row.key());
      Row before = byKey.get(row.key());
      if (before == null || before.version() != row.version()) {
        changed.add(row);
      }
    }
    long[] tally = tallyWith(known, changed);
    long count = tally[0];
    long sum = tally[1];
    long max = tally[2];
    List<Row> deleted = new ArrayList<>();
    for (String key : keys) {
      Row before = byKey.get(key);
      if (!found.contains(key) && before != null) {
        count--;
        sum -= before.version();
        deleted.add(before);
      }
    }
    List<Row> rows = known.rows();
    if (!deleted.isEmpty()) {
      rows = new ArrayList<>(rows);
      for (Row row : deleted) {
        byKey.remove(row.key());
        rows.remove(Collections.binarySearch(rows, row, ORDER));
      }
    }
    return new Snapshot(Collections.unmodifiableList(merged(rows, changed)), count, sum, max);
  }

  private Snapshot refreshed(Snapshot known) {
    long[] database = fingerprint();
    if (matches(known, database)) {
      return known;
    }
    List<Row> changed = read(" WHERE row_version > ?", known.maxVersion());
    long[] tally = tallyWith(known, changed);
    if (tally[0] != database[0] || tally[1] != database[1]) {
      // a lower number committed after a higher one (or a record deleted): read everything again, same snapshot
      List<Row> all = read("", null);
      byKey.clear();
      all.forEach(row -> byKey.put(row.key(), row));
      List<Row> rows = new ArrayList<>(all);
      rows.sort(ORDER);
      return new Snapshot(Collections.unmodifiableList(rows), database[0], database[1], database[2]);
    }
    return new Snapshot(Collections.unmodifiableList(merged(known.rows(), changed)), tally[0], tally[1], tally[2]);
  }

  /** COUNT, SUM and MAX of the row versions once the changed rows have replaced (or joined) the copy's. */
  private long[] tallyWith(Snapshot known, List<Row> changed) {
    long count = known.count();
    long sum = known.versionSum();
    long max = known.maxVersion();
    for (Row row : changed) {
      Row before = byKey.get(row.key());
      count += before == null ? 1 : 0;
      sum += row.version() - (before == null ? 0 : before.version());
      max = Math.max(max, row.version());
    }
    return new long[] {count, sum, max};
  }

  /** The ordered rows with the changed ones in their place (a few changes: no sort of the whole copy). */
  private List<Row> merged(List<Row> rows, List<Row> changed) {
    if (changed.isEmpty()) {
      return rows;
    }
    if (changed.size() > rows.size() / 8) {
      changed.forEach(row -> byKey.put(row.key(), row));
      List<Row> all = new ArrayList<>(byKey.values());
      all.sort(ORDER);
      return all;
    }
    List<Row> merged = new ArrayList<>(rows);
    for (Row row : changed) {
      Row before = byKey.put(row.key(), row);
      if (before != null) {
        merged.remove(Collections.binarySearch(merged, before, ORDER));
      }
      int at = Collections.binarySearch(merged, row, ORDER);
      merged.add(at < 0 ? -at - 1 : at, row);
    }
    return merged;
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
