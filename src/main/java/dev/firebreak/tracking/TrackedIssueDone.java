package dev.firebreak.tracking;

import java.util.Optional;

/**
 * Tracking's announcement that an issue it tracks reached Jira's "done" status category. Tracking
 * only knows issues; a feature that keeps work in them (post-mortem action items) implements this
 * and says whether the issue was one of its own.
 */
public interface TrackedIssueDone {

  /**
   * The issue {@code issueKey} is done. Returns the incident the issue belongs to when this listener
   * recognised it and acted on it; empty when it is not this listener's issue or was done already.
   */
  Optional<String> issueDone(String issueKey);
}
