package dev.firebreak.tracking;

/** Port to the issue tracker (Jira). The default adapter records the would-be issue. */
public interface IssueTracker {

  /** Creates the issue mirroring an incident and returns its key. */
  TrackedIssue createIncidentIssue(String incidentKey, String summary, String description);

  /** Creates an action item issue linked to the incident's issue and returns its key. */
  TrackedIssue createActionItem(String incidentKey, String title, String owner, String dueDate);

  /** Adds a comment (a status update, an escalation) to the incident's issue. */
  default void comment(String incidentKey, String issueKey, String text) {
  }
}
