package dev.firebreak.postmortem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The table report_correction (V23, V37): proposed corrections of a report and their review. */
@Repository
class CorrectionRecords {

  static final String PROPOSED = "proposed";
  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";

  /** One correction as stored. {@code revision}: the report revision an approved one published. */
  record Row(long id, String incidentKey, String section, String text, String previousText, String reason,
      String proposedBy, Instant proposedAt, Integer basedOnRevision, String status, String decidedBy,
      Instant decidedAt, String decisionReason, Integer revision, String processInstanceId) {
  }

  private final JdbcClient jdbc;

  CorrectionRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String key, String section, String text, String previousText, String reason, String by, Instant at,
      int basedOnRevision) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO report_correction (incident_key, section, text, previous_text, reason, proposed_by, proposed_at,
          based_on_revision, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(key, section, text, previousText, reason, by, utc(at), basedOnRevision, PROPOSED)
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  void processInstance(long id, String processInstanceId) {
    jdbc.sql("UPDATE report_correction SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
  }

  /** Records the decision once: false when the correction was decided already. */
  boolean decide(long id, String status, String by, Instant at, String reason) {
    return jdbc.sql("""
        UPDATE report_correction SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
        WHERE id = ? AND status = ?""")
        .params(status, by, utc(at), reason, id, PROPOSED).update() == 1;
  }

  void published(long id, int revision) {
    jdbc.sql("UPDATE report_correction SET revision = ? WHERE id = ?").params(revision, id).update();
  }

  Optional<Row> find(long id) {
    return jdbc.sql("SELECT * FROM report_correction WHERE id = ?").param(id).query(CorrectionRecords::row).optional();
  }

  /** Every correction of the incident's report, oldest first. */
  List<Row> all(String key) {
    return jdbc.sql("SELECT * FROM report_correction WHERE incident_key = ? ORDER BY proposed_at, id").param(key)
        .query(CorrectionRecords::row).list();
  }

  /** The approved ones, in the order they were approved. */
  List<Row> approved(String key) {
    return jdbc.sql("SELECT * FROM report_correction WHERE incident_key = ? AND status = ? ORDER BY decided_at, id")
        .params(key, APPROVED).query(CorrectionRecords::row).list();
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(rs.getLong("id"), rs.getString("incident_key"), rs.getString("section"), rs.getString("text"),
        rs.getString("previous_text"), rs.getString("reason"), rs.getString("proposed_by"), instant(rs, "proposed_at"),
        (Integer) rs.getObject("based_on_revision", Integer.class), rs.getString("status"), rs.getString("decided_by"),
        instant(rs, "decided_at"), rs.getString("decision_reason"), rs.getObject("revision", Integer.class),
        rs.getString("process_instance_id"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }
}
