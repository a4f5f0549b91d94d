package dev.firebreak.postmortem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One row per post-mortem (table postmortem): its owner, when it is due, when it was published and
 * when its owner was reminded that it is overdue. Written by postmortem.bpmn's listeners and tasks.
 */
@Service
public class PostmortemRecords {

  private final JdbcClient jdbc;

  PostmortemRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A post-mortem as stored. */
  public record PostmortemRecord(String incidentKey, String owner, Instant startedAt, Instant dueAt,
      Instant publishedAt, Instant remindedAt) {

    /** Not published by its due time, at {@code now}. */
    public boolean overdue(Instant now) {
      return publishedAt == null && now.isAfter(dueAt);
    }
  }

  /** The post-mortem started (once: a second start of the same incident keeps the first row's owner and due time). */
  @Transactional
  public void open(String incidentKey, String owner, Instant startedAt, Instant dueAt) {
    if (find(incidentKey).isPresent()) {
      return;
    }
    jdbc.sql("INSERT INTO postmortem (incident_key, owner, started_at, due_at) VALUES (?, ?, ?, ?)")
        .params(incidentKey, owner, startedAt.atOffset(ZoneOffset.UTC), dueAt.atOffset(ZoneOffset.UTC)).update();
  }

  @Transactional
  public void owner(String incidentKey, String owner) {
    jdbc.sql("UPDATE postmortem SET owner = ? WHERE incident_key = ?").params(owner, incidentKey).update();
  }

  @Transactional
  public void published(String incidentKey, Instant at) {
    jdbc.sql("UPDATE postmortem SET published_at = ? WHERE incident_key = ? AND published_at IS NULL")
        .params(at.atOffset(ZoneOffset.UTC), incidentKey).update();
  }

  /** Marks the owner reminded; false when they were already (a retried job reminds once). */
  @Transactional
  public boolean reminded(String incidentKey, Instant at) {
    return jdbc.sql("UPDATE postmortem SET reminded_at = ? WHERE incident_key = ? AND reminded_at IS NULL")
        .params(at.atOffset(ZoneOffset.UTC), incidentKey).update() == 1;
  }

  public Optional<PostmortemRecord> find(String incidentKey) {
    return jdbc.sql("SELECT * FROM postmortem WHERE incident_key = ?").param(incidentKey)
        .query(PostmortemRecords::row).optional();
  }

  /** Every post-mortem, the soonest due first. */
  public List<PostmortemRecord> all() {
    return jdbc.sql("SELECT * FROM postmortem ORDER BY due_at, incident_key").query(PostmortemRecords::row).list();
  }

  private static PostmortemRecord row(ResultSet rs, int row) throws SQLException {
    return new PostmortemRecord(rs.getString("incident_key"), rs.getString("owner"), instant(rs, "started_at"),
        instant(rs, "due_at"), instant(rs, "published_at"), instant(rs, "reminded_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
