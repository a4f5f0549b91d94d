package dev.firebreak.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What both searches share: the table's columns, reading a row, the filters. */
abstract class SqlKnowledgeSearch implements KnowledgeSearch {

  static final String TABLE = "knowledge_entry";
  static final String COLUMNS = "e.incident_key, e.title, e.service, e.incident_type, e.severity, e.summary, e.cause, "
      + "e.resolution, e.lessons, e.full_text, e.occurred_at, e.published_at, e.updated_at";

  final JdbcClient jdbc;

  SqlKnowledgeSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static KnowledgeEntry entry(ResultSet rs) throws SQLException {
    return new KnowledgeEntry(rs.getString("incident_key"), rs.getString("title"), rs.getString("service"),
        rs.getString("incident_type"), rs.getString("severity"), rs.getString("summary"), rs.getString("cause"),
        rs.getString("resolution"), rs.getString("lessons"), rs.getString("full_text"), instant(rs, "occurred_at"),
        instant(rs, "published_at"), instant(rs, "updated_at"));
  }

  static Found found(ResultSet rs) throws SQLException {
    return new Found(entry(rs), rs.getDouble("score"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** " AND k.service = ? …" for the query's filters, its parameters added to {@code params}. */
  static String filters(KnowledgeQuery query, List<Object> params) {
    StringBuilder sql = new StringBuilder();
    if (query.service() != null) {
      sql.append(" AND k.service = ?");
      params.add(query.service());
    }
    if (query.type() != null) {
      sql.append(" AND k.incident_type = ?");
      params.add(query.type());
    }
    if (query.severity() != null) {
      sql.append(" AND k.severity = ?");
      params.add(query.severity());
    }
    if (query.from() != null) {
      sql.append(" AND k.occurred_at >= ?");
      params.add(query.from().atOffset(ZoneOffset.UTC));
    }
    if (query.to() != null) {
      sql.append(" AND k.occurred_at < ?");
      params.add(query.to().atOffset(ZoneOffset.UTC));
    }
    return sql.toString();
  }

  /** Without words: the newest reports that pass the filters. */
  List<Found> newest(KnowledgeQuery query) {
    List<Object> params = new ArrayList<>();
    String sql = "SELECT " + COLUMNS + ", 0 AS score FROM " + TABLE + " e WHERE 1 = 1"
        + filters(query, params).replace("k.", "e.") + " ORDER BY e.published_at DESC, e.incident_key LIMIT ?";
    params.add(query.limit());
    return jdbc.sql(sql).params(params).query((rs, row) -> found(rs)).list();
  }
}
