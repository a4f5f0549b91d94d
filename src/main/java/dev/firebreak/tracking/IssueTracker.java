package dev.firebreak.tracking;

/**
 * Port to the issue tracker (Jira). The default adapter records the would-be issue. Every operation
 * is safe to repeat: a retry after a lost answer finds what the first attempt did.
 */
public interface IssueTracker {

  /** Creates the issue mirroring an incident and returns its key. */
  TrackedIssue createIncidentIssue(String incidentKey, String summary, String description);

  /**
   * Creates the issue of the post-mortem's action item number {@code index} and links it to the
   * incident's issue ({@code incidentIssueKey}, null when the incident has none); returns its key.
   */
  TrackedIssue createActionItem(String incidentKey, String incidentIssueKey, int index, String title, String owner,
      String dueDate);

  /** Adds a comment (a status update, an escalation, a reminder) to an issue, once. */
  void comment(String incidentKey, String issueKey, String text);

  /** Moves the incident's issue to the status that stands for the incident's stage, unless it is there. */
  TransitionOutcome transition(String incidentKey, String issueKey, TrackingStage stage);

  /** Whether issues reach a real tracker (false: the recording adapter; action items are then marked done in Firebreak). */
  default boolean delivers() {
    return true;
  }

  /** A person's link to the issue in the tracker, null when there is none (recorded issues). */
  default String browseUrl(String issueKey) {
    return null;
  }

  /** What a transition did: {@code status} is the issue's status afterwards. */
  record TransitionOutcome(boolean moved, String status) {
  }
}
