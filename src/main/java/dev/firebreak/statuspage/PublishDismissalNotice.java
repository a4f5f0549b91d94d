package dev.firebreak.statuspage;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.notify.NoticePhase;
import dev.firebreak.notify.NoticeTemplates;
import dev.firebreak.notify.NotificationPlan;
import dev.firebreak.notify.StatusUpdateVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Triage dismissed an incident as a false positive after customers had already been told about it:
 * they hear that it is over in words (the notice bundles' {@code notice.dismissed}), on the status
 * page, in its feed and to subscribers when the plan notifies them, as a final update under its
 * public title; the component is operational again. An incident that was never public publishes
 * nothing; drills never do. Once per incident, so a retried job never publishes twice.
 */
@Component("publishDismissalNotice")
class PublishDismissalNotice implements JavaDelegate {

  private final StatusPage statusPage;
  private final Incidents incidents;
  private final NoticeTemplates templates;

  PublishDismissalNotice(StatusPage statusPage, Incidents incidents, NoticeTemplates templates) {
    this.statusPage = statusPage;
    this.incidents = incidents;
    this.templates = templates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    IncidentRecord incident = incidents.require(key);
    if (incident.drill() || Boolean.TRUE.equals(IncidentProcess.DRILL.get(execution)) || !statusPage.isPublic(key)) {
      return;
    }
    String message = templates.dismissal(statusPage.componentName(incident.service()), templates.defaultLocale());
    statusPage.publish(key, NoticePhase.RESOLVED.code(), StatusUpdateVariables.PUBLIC_TITLE.get(execution), message,
        key + ":dismissed", NotificationPlan.says(NotificationPlan.SUBSCRIBERS, execution, false));
  }
}
