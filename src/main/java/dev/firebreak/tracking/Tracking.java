package dev.firebreak.tracking;

import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentStageReached;
import dev.firebreak.incident.Incidents;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** What other features tell the incident's tracking issue (if it has one). */
@Service
public class Tracking {

  private final IssueTracker tracker;
  private final Incidents incidents;
  private final RuntimeService runtime;

  Tracking(IssueTracker tracker, Incidents incidents, @Lazy RuntimeService runtime) {
    this.tracker = tracker;
    this.incidents = incidents;
    this.runtime = runtime;
  }

  /** The key of the incident's tracking issue, if it has one. */
  public Optional<String> issueKey(String incidentKey) {
    return incidents.links(incidentKey).stream().filter(link -> OpenJiraIssue.LINK_KIND.equals(link.kind()))
        .map(IncidentLink::reference).findFirst();
  }

  public void comment(String incidentKey, String text) {
    issueKey(incidentKey).ifPresent(issue -> tracker.comment(incidentKey, issue, text));
  }

  /** Comments on an action item's issue (a reminder, say). */
  public void commentOnIssue(String incidentKey, String issueKey, String text) {
    tracker.comment(incidentKey, issueKey, text);
  }

  /** Whether a real tracker (Jira) is configured; without one, action items are marked done in Firebreak. */
  public boolean configured() {
    return tracker.delivers();
  }

  /** The link to an issue in the tracker, null for recorded issues. */
  public String issueUrl(String issueKey) {
    return tracker.browseUrl(issueKey);
  }

  /** Opens (or finds) the issue of an action item, linked to the incident's issue. */
  public TrackedIssue openActionItem(String incidentKey, int index, String title, String owner, String dueDate) {
    return tracker.createActionItem(incidentKey, issueKey(incidentKey).orElse(null), index, title, owner, dueDate);
  }

  /**
   * The incident reached a stage: when its issue follows that stage, a transition-tracking-issue
   * instance starts in the same transaction, and its async job moves the issue once this commits.
   */
  @EventListener
  void stageReached(IncidentStageReached event) {
    Optional<TrackingStage> stage = TrackingStage.of(event.status());
    if (stage.isEmpty() || issueKey(event.incidentKey()).isEmpty()) {
      return;
    }
    runtime.startProcessInstanceByKey(TrackingProcess.ID, event.incidentKey(), Map.of(
        IncidentProcess.INCIDENT_KEY.name(), event.incidentKey(),
        TrackingProcess.TRACKING_STAGE.name(), stage.get().code()));
  }
}
