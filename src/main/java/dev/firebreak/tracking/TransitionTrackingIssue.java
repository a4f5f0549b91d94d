package dev.firebreak.tracking;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Moves the incident's tracking issue to the stage the incident reached; a no-op when it is there already. */
@Component("transitionTrackingIssue")
class TransitionTrackingIssue implements JavaDelegate {

  private final IssueTracker tracker;
  private final Tracking tracking;
  private final Incidents incidents;

  TransitionTrackingIssue(IssueTracker tracker, Tracking tracking, Incidents incidents) {
    this.tracker = tracker;
    this.tracking = tracking;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    TrackingStage stage = TrackingProcess.TRACKING_STAGE.require(execution);
    String issue = tracking.issueKey(key).orElse(null);
    if (issue == null) {
      return;
    }
    IssueTracker.TransitionOutcome outcome = tracker.transition(key, issue, stage);
    if (outcome.moved()) {
      incidents.note(key, null, TimelineEntry.Kind.TRACKING, incidents.words().get("tracking.moved", issue, outcome.status()),
          Map.of("issue", issue, "stage", stage.code(), "status", outcome.status()));
    }
  }
}
