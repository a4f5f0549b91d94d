package dev.firebreak.imports;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code incident_import} (V33); only the imports feature reads or writes it. */
@Repository
class ImportRepository {

  record Row(String source, String sourceId, String incidentKey, String contentHash, Instant importedAt,
      String importedBy, String cause, String lessons) {
  }

  private final JdbcClient jdbc;

  ImportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Row> find(String source, String sourceId) {
    return jdbc.sql("SELECT * FROM incident_import WHERE source = ? AND source_id = ?").params(source, sourceId)
        .query(this::map).optional();
  }

  Optional<Row> findByIncident(String incidentKey) {
    return jdbc.sql("SELECT * FROM incident_import WHERE incident_key = ?").param(incidentKey)
        .query(this::map).optional();
  }

  void insert(ImportLine line, String incidentKey, String hash, String user, Instant at) {
    jdbc.sql("""
        INSERT INTO incident_import (source, source_id, incident_key, imported_at, imported_by, content_hash,
          raw_line, cause, lessons)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(line.source(), line.sourceId(), incidentKey, utc(at), user, hash, line.raw(), line.cause(),
            line.lessons())
        .update();
  }

  void update(ImportLine line, String hash, String user, Instant at) {
    jdbc.sql("""
        UPDATE incident_import SET content_hash = ?, raw_line = ?, cause = ?, lessons = ?, updated_at = ?,
          updated_by = ?
        WHERE source = ? AND source_id = ?""")
        .params(hash, line.raw(), line.cause(), line.lessons(), utc(at), user, line.source(), line.sourceId())
        .update();
  }

  private Row map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Row(rs.getString("source"), rs.getString("source_id"), rs.getString("incident_key"),
        rs.getString("content_hash"), rs.getObject("imported_at", OffsetDateTime.class).toInstant(),
        rs.getString("imported_by"), rs.getString("cause"), rs.getString("lessons"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
