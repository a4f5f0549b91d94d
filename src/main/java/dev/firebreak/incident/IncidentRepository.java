package dev.firebreak.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.process.Coded;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident tables. Only the incident feature reads or writes them. */
@Repository
class IncidentRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
  private volatile Boolean postgres;

  IncidentRepository(JdbcClient jdbc, ObjectMapper json, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.json = json;
    this.jdbcTemplate = jdbcTemplate;
  }

  /**
   * The next number of the year; the counter row stays locked until the transaction ends, so
   * numbers have no gaps. On PostgreSQL one upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING)
   * takes it: the first declarations of a year never collide creating the year's row (a duplicate
   * key there would abort the whole transaction). H2 keeps a failed statement out of the
   * transaction, so there an insert that lost the race simply falls back to the update.
   */
  int nextNumber(int year) {
    if (postgres()) {
      return jdbc.sql("INSERT INTO incident_key_counter (key_year, last_number) VALUES (?, 1)"
          + " ON CONFLICT (key_year) DO UPDATE SET last_number = incident_key_counter.last_number + 1"
          + " RETURNING last_number").param(year).query(Integer.class).single();
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      int updated = jdbc.sql("UPDATE incident_key_counter SET last_number = last_number + 1 WHERE key_year = ?")
          .param(year).update();
      if (updated == 1) {
        return jdbc.sql("SELECT last_number FROM incident_key_counter WHERE key_year = ?")
            .param(year).query(Integer.class).single();
      }
      try {
        jdbc.sql("INSERT INTO incident_key_counter (key_year, last_number) VALUES (?, 1)").param(year).update();
        return 1;
      } catch (DuplicateKeyException raced) {
        // another transaction created the year's row first: take the next number from it
      }
    }
    throw new IllegalStateException("Could not allocate an incident number for " + year);
  }

  private boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      // on the transaction's own connection: asking for a second one could wait on a full pool
      String product = jdbcTemplate.execute((org.springframework.jdbc.core.ConnectionCallback<String>)
          connection -> connection.getMetaData().getDatabaseProductName());
      known = product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres");
      postgres = known;
    }
    return known;
  }

  /** Gives a reserved number back when it is still the year's last one (no later one was taken). */
  boolean giveBack(int year, int number) {
    return jdbc.sql("UPDATE incident_key_counter SET last_number = last_number - 1 WHERE key_year = ? AND last_number = ?")
        .params(year, number).update() == 1;
  }

  void insert(String key, IncidentDeclaration incident, String declaredBy, String processInstanceId,
      Instant declaredAt) {
    jdbc.sql("""
        INSERT INTO incident (incident_key, title, service, incident_type, impact_scope, status,
          escalation_level, description, drill, source, declared_by, process_instance_id,
          detected_at, declared_at)
        VALUES (:key, :title, :service, :type, :impact, :status, 1, :description, :drill, :source,
          :declaredBy, :pid, :detectedAt, :declaredAt)""")
        .param("key", key)
        .param("title", incident.title())
        .param("service", incident.service())
        .param("type", incident.incidentType().code())
        .param("impact", incident.impactScope().code())
        .param("status", IncidentStatus.TRIAGE.code())
        .param("description", incident.description())
        .param("drill", incident.isDrill())
        .param("source", incident.source())
        .param("declaredBy", declaredBy)
        .param("pid", processInstanceId)
        .param("detectedAt", utc(incident.detectedAt()))
        .param("declaredAt", utc(declaredAt))
        .update();
  }

  Optional<IncidentRecord> find(String key) {
    return jdbc.sql("SELECT * FROM incident WHERE incident_key = ?").param(key)
        .query(this::mapIncident).optional();
  }

  List<IncidentRecord> list(IncidentFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT * FROM incident WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (filter.status() != null) {
      sql.append(" AND status = ?");
      params.add(filter.status());
    }
    if (filter.severity() != null) {
      sql.append(" AND severity = ?");
      params.add(filter.severity());
    }
    if (filter.service() != null) {
      sql.append(" AND service = ?");
      params.add(filter.service());
    }
    sql.append(" ORDER BY declared_at DESC, incident_key DESC");
    return jdbc.sql(sql.toString()).params(params).query(this::mapIncident).list();
  }

  void updateClassification(String key, String incidentType, String impactScope, String severity,
      Integer escalationLevel, String commander) {
    jdbc.sql("""
        UPDATE incident SET
          incident_type = COALESCE(:type, incident_type),
          impact_scope = COALESCE(:impact, impact_scope),
          severity = COALESCE(:severity, severity),
          escalation_level = COALESCE(:level, escalation_level),
          commander = COALESCE(:commander, commander)
        WHERE incident_key = :key""")
        .param("type", incidentType)
        .param("impact", impactScope)
        .param("severity", severity)
        .param("level", escalationLevel)
        .param("commander", commander)
        .param("key", key)
        .update();
  }

  /** Sets the status and, for milestone statuses, its timestamp (kept if already set). */
  void updateStatus(String key, IncidentStatus status, Instant at) {
    String column = switch (status) {
      case INVESTIGATING -> "acknowledged_at";
      case MONITORING -> "mitigated_at";
      case RESOLVED -> "resolved_at";
      case CLOSED, DISMISSED -> "closed_at";
      default -> null;
    };
    String set = column == null ? "" : ", " + column + " = COALESCE(" + column + ", :at)";
    jdbc.sql("UPDATE incident SET status = :status" + set + " WHERE incident_key = :key")
        .param("status", status.code())
        .param("at", utc(at))
        .param("key", key)
        .update();
  }

  /** Sets acknowledged_at unless it is already set. */
  void markAcknowledged(String key, Instant at) {
    jdbc.sql("UPDATE incident SET acknowledged_at = COALESCE(acknowledged_at, :at) WHERE incident_key = :key")
        .param("at", utc(at))
        .param("key", key)
        .update();
  }

  void appendTimeline(String key, Instant at, String kind, String actor, String summary, Object details) {
    appendTimeline(key, at, at, kind, actor, summary, details);
  }

  /** An entry that happened at {@code at} and is recorded at {@code recordedAt} (a note stating its time). */
  void appendTimeline(String key, Instant at, Instant recordedAt, String kind, String actor, String summary,
      Object details) {
    jdbc.sql("""
        INSERT INTO incident_timeline (incident_key, occurred_at, recorded_at, kind, actor, summary, details)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(key, utc(at), utc(recordedAt), kind, actor, truncate(summary, 1000), toJson(details))
        .update();
  }

  List<TimelineEntry> timeline(String key) {
    return jdbc.sql("SELECT * FROM incident_timeline WHERE incident_key = ? ORDER BY occurred_at, id").param(key)
        .query((rs, row) -> new TimelineEntry(rs.getLong("id"), instant(rs, "occurred_at"),
            instant(rs, "recorded_at"), rs.getString("kind"), rs.getString("actor"), rs.getString("summary"),
            fromJson(rs.getString("details"))))
        .list();
  }

  void putLink(String key, IncidentLink link) {
    int updated = jdbc.sql("UPDATE incident_link SET reference = ?, url = ? WHERE incident_key = ? AND kind = ?")
        .params(link.reference(), link.url(), key, link.kind()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO incident_link (incident_key, kind, reference, url) VALUES (?, ?, ?, ?)")
          .params(key, link.kind(), link.reference(), link.url()).update();
    }
  }

  List<IncidentLink> links(String key) {
    return jdbc.sql("SELECT kind, reference, url FROM incident_link WHERE incident_key = ? ORDER BY kind")
        .param(key)
        .query((rs, row) -> new IncidentLink(rs.getString("kind"), rs.getString("reference"), rs.getString("url")))
        .list();
  }

  void countAlerts(String key, int alerts) {
    jdbc.sql("UPDATE incident SET alert_count = alert_count + ? WHERE incident_key = ?").params(alerts, key).update();
  }

  /**
   * An alert of the incident started at {@code startsAt}: the impact start moves back to it when it is
   * earlier, unless an incident commander corrected the impact start.
   */
  void alertStarted(String key, Instant startsAt) {
    jdbc.sql("""
        UPDATE incident SET impact_started_at = :at
        WHERE incident_key = :key AND impact_start_corrected = FALSE
          AND COALESCE(impact_started_at, detected_at) > :at""")
        .param("at", utc(startsAt)).param("key", key).update();
  }

  /** Corrected times (null keeps the current one); a corrected impact start is no longer moved by alerts. */
  void correctTimes(String key, Instant impactStartedAt, Instant mitigatedAt, Instant resolvedAt) {
    jdbc.sql("""
        UPDATE incident SET
          impact_started_at = COALESCE(:impact, impact_started_at),
          impact_start_corrected = CASE WHEN :impactSet THEN TRUE ELSE impact_start_corrected END,
          mitigated_at = COALESCE(:mitigated, mitigated_at),
          resolved_at = COALESCE(:resolved, resolved_at)
        WHERE incident_key = :key""")
        .param("impact", utc(impactStartedAt))
        .param("impactSet", impactStartedAt != null)
        .param("mitigated", utc(mitigatedAt))
        .param("resolved", utc(resolvedAt))
        .param("key", key)
        .update();
  }

  java.util.Map<String, Long> openBySeverity() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.sql("SELECT severity, COUNT(*) AS open_count FROM incident WHERE drill = FALSE AND status IN ('triage', "
        + "'investigating', 'monitoring') GROUP BY severity")
        .query((rs, row) -> counts.put(rs.getString("severity") == null ? "unassessed" : rs.getString("severity"),
            rs.getLong("open_count")))
        .list();
    return counts;
  }

  Optional<String> keyOfProcessInstance(String processInstanceId) {
    return jdbc.sql("SELECT incident_key FROM incident WHERE process_instance_id = ?").param(processInstanceId)
        .query(String.class).optional();
  }

  boolean exists(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM incident WHERE incident_key = ?").param(key)
        .query(Integer.class).single() > 0;
  }

  private IncidentRecord mapIncident(ResultSet rs, int row) throws SQLException {
    return new IncidentRecord(
        rs.getString("incident_key"), rs.getString("title"), rs.getString("service"),
        choice(IncidentType.class, rs.getString("incident_type")),
        choice(ImpactScope.class, rs.getString("impact_scope")),
        choice(Severity.class, rs.getString("severity")),
        choice(IncidentStatus.class, rs.getString("status")), rs.getInt("escalation_level"), rs.getString("commander"),
        rs.getString("description"), rs.getBoolean("drill"), rs.getString("source"),
        rs.getString("declared_by"), rs.getString("process_instance_id"),
        instant(rs, "detected_at"), instant(rs, "declared_at"), instant(rs, "acknowledged_at"),
        instant(rs, "mitigated_at"), instant(rs, "resolved_at"), instant(rs, "closed_at"),
        rs.getInt("alert_count"),
        java.util.Objects.requireNonNullElse(instant(rs, "impact_started_at"), instant(rs, "detected_at")),
        rs.getBoolean("imported"));
  }

  private static <E extends Enum<E> & Coded> E choice(Class<E> type, String code) {
    return code == null ? null : Coded.fromCode(type, code).orElseThrow(() -> new IllegalStateException(
        "Stored " + type.getSimpleName() + " '" + code + "' is not one of " + Coded.codes(type)));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private String toJson(Object details) {
    if (details == null) {
      return null;
    }
    try {
      return json.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Timeline details are not JSON-serialisable", e);
    }
  }

  private JsonNode fromJson(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(text);
    }
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

}
