package dev.firebreak.tracking;

import dev.firebreak.platform.process.ChoiceVariable;

/**
 * The contract of processes/transition-tracking-issue.bpmn: one short process per stage the
 * incident's Jira issue follows (resolved, closed), started when the incident reaches the stage. Its
 * job runs after the stage is committed and retries on its own, so a Jira outage never holds up
 * the incident.
 */
public final class TrackingProcess {

  public static final String ID = "transition-tracking-issue";

  /** The stage the issue should follow: resolved or closed. */
  public static final ChoiceVariable<TrackingStage> TRACKING_STAGE = ChoiceVariable.of("trackingStage", TrackingStage.class);

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    public static final String TRANSITION_TRACKING_ISSUE = "TransitionTrackingIssue";

    private Elements() {
    }
  }

  private TrackingProcess() {
  }
}
