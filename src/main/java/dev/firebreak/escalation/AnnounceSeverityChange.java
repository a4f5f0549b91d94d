package dev.firebreak.escalation;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.notify.NotificationPlan;
import dev.firebreak.notify.Notices;
import dev.firebreak.platform.i18n.TimelineWords;
import dev.firebreak.platform.time.Durations;
import dev.firebreak.tracking.Tracking;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Announces a changed severity (override at triage or later) in the incident's channels and on its
 * Jira issue, with the new status-update cadence. Both are safe to repeat on retry: the Slack card
 * is edited in place and a Jira comment with the same text is not posted twice.
 */
@Component("announceSeverityChange")
class AnnounceSeverityChange implements JavaDelegate {

  private final Notices notices;
  private final Tracking tracking;
  private final TimelineWords words;

  AnnounceSeverityChange(Notices notices, Tracking tracking, TimelineWords words) {
    this.notices = notices;
    this.tracking = tracking;
    this.words = words;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = INCIDENT_KEY.require(execution);
    String severity = SEVERITY.require(execution).code();
    String cadence = Durations.cycle(STATUS_UPDATE_CYCLE.get(execution), words.locale());
    String headline = words.get(cadence.isEmpty() ? "severity.announced" : "severity.announced.cadence", severity, cadence);
    String reason = SEVERITY_REASON.get(execution);
    tracking.comment(key, headline + (reason == null ? "" : ". " + reason));
    if (NotificationPlan.says(NotificationPlan.INCIDENT_CHANNEL, execution, true)) {
      notices.postIncidentUpdate(key, headline, NotificationPlan.says(NotificationPlan.CENTRAL_CHANNEL, execution, true));
    }
  }
}
