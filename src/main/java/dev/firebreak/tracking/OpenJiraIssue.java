package dev.firebreak.tracking;

import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Opens the tracking issue that mirrors the incident, once: a retry finds the stored key. */
@Component("openJiraIssue")
class OpenJiraIssue implements JavaDelegate {

  static final String LINK_KIND = "tracking-issue";

  private final IssueTracker tracker;
  private final Incidents incidents;

  OpenJiraIssue(IssueTracker tracker, Incidents incidents) {
    this.tracker = tracker;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    boolean exists = incidents.links(key).stream().anyMatch(link -> LINK_KIND.equals(link.kind()));
    if (exists) {
      return;
    }
    IncidentRecord incident = incidents.require(key);
    TrackedIssue issue = tracker.createIncidentIssue(key,
        (incident.drill() ? "[DRILL] " : "") + "[" + (incident.severity() == null ? null : incident.severity().code()) + "] " + key + " " + incident.title(),
        "Service: " + incident.service() + "\nType: " + incident.incidentType().code() + "\nImpact: "
            + incident.impactScope().code() + "\n\n" + (incident.description() == null ? "" : incident.description()));
    incidents.link(key, new IncidentLink(LINK_KIND, issue.key(), issue.url()));
  }
}
