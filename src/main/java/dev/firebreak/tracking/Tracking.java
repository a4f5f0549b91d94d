package dev.firebreak.tracking;

import dev.firebreak.incident.Incidents;
import org.springframework.stereotype.Service;

/** What other features tell the incident's tracking issue (if it has one). */
@Service
public class Tracking {

  private final IssueTracker tracker;
  private final Incidents incidents;

  Tracking(IssueTracker tracker, Incidents incidents) {
    this.tracker = tracker;
    this.incidents = incidents;
  }

  public void comment(String incidentKey, String text) {
    incidents.links(incidentKey).stream().filter(link -> OpenJiraIssue.LINK_KIND.equals(link.kind())).findFirst()
        .ifPresent(link -> tracker.comment(incidentKey, link.reference(), text));
  }
}
