package dev.firebreak.postmortem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Action items and published incident reports. */
@Service
public class Postmortems {

  /** Status of an action item whose issue reached the tracker's "done" category. */
  public static final String DONE = "done";

  private final JdbcClient jdbc;

  Postmortems(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored action item. */
  public record ActionItem(String incidentKey, int index, String title, String owner, String dueDate,
      String trackerKey, String status) {
  }

  public Optional<ActionItem> actionItem(String incidentKey, int index) {
    return jdbc.sql("SELECT * FROM action_item WHERE incident_key = ? AND item_index = ?")
        .params(incidentKey, index)
        .query((rs, row) -> new ActionItem(rs.getString("incident_key"), rs.getInt("item_index"),
            rs.getString("title"), rs.getString("owner"), rs.getString("due_date"),
            rs.getString("tracker_key"), rs.getString("status")))
        .optional();
  }

  public List<ActionItem> actionItems(String incidentKey) {
    return jdbc.sql("SELECT * FROM action_item WHERE incident_key = ? ORDER BY item_index")
        .param(incidentKey)
        .query((rs, row) -> new ActionItem(rs.getString("incident_key"), rs.getInt("item_index"),
            rs.getString("title"), rs.getString("owner"), rs.getString("due_date"),
            rs.getString("tracker_key"), rs.getString("status")))
        .list();
  }

  @Transactional
  public void saveActionItem(ActionItem item) {
    jdbc.sql("""
        INSERT INTO action_item (incident_key, item_index, title, owner, due_date, tracker_key, status)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(item.incidentKey(), item.index(), item.title(), item.owner(), item.dueDate(),
            item.trackerKey(), item.status())
        .update();
  }

  public Optional<ActionItem> actionItemTrackedBy(String trackerKey) {
    return jdbc.sql("SELECT * FROM action_item WHERE tracker_key = ?")
        .param(trackerKey)
        .query((rs, row) -> new ActionItem(rs.getString("incident_key"), rs.getInt("item_index"),
            rs.getString("title"), rs.getString("owner"), rs.getString("due_date"),
            rs.getString("tracker_key"), rs.getString("status")))
        .optional();
  }

  /**
   * Marks the action item tracked by this issue done; returns it when this changed it, empty when
   * the issue is no action item or the item was done already (Jira repeats updates of done issues).
   */
  @Transactional
  public Optional<ActionItem> markActionItemDone(String trackerKey) {
    return markActionItemDone(trackerKey, null, null);
  }

  /** As {@link #markActionItemDone(String)}, saying who marked it done in Firebreak and when. */
  @Transactional
  public Optional<ActionItem> markActionItemDone(String trackerKey, String by, Instant at) {
    Optional<ActionItem> item = actionItemTrackedBy(trackerKey).filter(found -> !DONE.equals(found.status()));
    item.ifPresent(found -> jdbc.sql("UPDATE action_item SET status = ?, done_by = ?, done_at = ? WHERE tracker_key = ?")
        .params(DONE, by, at == null ? null : at.atOffset(ZoneOffset.UTC), trackerKey).update());
    return item;
  }

  @Transactional
  public void publishReport(String incidentKey, String markdown, Instant at) {
    int updated = jdbc.sql("UPDATE incident_report SET markdown = ?, published_at = ? WHERE incident_key = ?")
        .params(markdown, at.atOffset(ZoneOffset.UTC), incidentKey).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO incident_report (incident_key, published_at, markdown) VALUES (?, ?, ?)")
          .params(incidentKey, at.atOffset(ZoneOffset.UTC), markdown).update();
    }
  }

  public Optional<String> report(String incidentKey) {
    return jdbc.sql("SELECT markdown FROM incident_report WHERE incident_key = ?").param(incidentKey)
        .query(String.class).optional();
  }
}
