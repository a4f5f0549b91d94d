package dev.firebreak.statuspage;

import dev.firebreak.incident.PublicStatus;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells the situation board what the status page shows for an incident: its latest published phase. */
@Component
class BoardPublicStatus implements PublicStatus {

  private final JdbcClient jdbc;

  BoardPublicStatus(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<String> latestPhase(String incidentKey) {
    return jdbc.sql("SELECT phase FROM status_update WHERE incident_key = ? ORDER BY published_at DESC, id DESC")
        .param(incidentKey).query(String.class).list().stream().findFirst();
  }

  @Override
  public java.util.List<PublishedUpdate> published(String incidentKey) {
    return jdbc.sql("SELECT published_at, phase, title, message FROM status_update WHERE incident_key = ?"
            + " ORDER BY published_at, id").param(incidentKey)
        .query((rs, row) -> new PublishedUpdate(rs.getObject("published_at", java.time.OffsetDateTime.class).toInstant(),
            rs.getString("phase"), rs.getString("title"), rs.getString("message")))
        .list();
  }
}
