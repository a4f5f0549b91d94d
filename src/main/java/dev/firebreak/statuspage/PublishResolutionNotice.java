package dev.firebreak.statuspage;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.notify.NoticePhase;
import dev.firebreak.notify.NoticeTemplates;
import dev.firebreak.notify.NotificationPlan;
import dev.firebreak.notify.StatusUpdateVariables;
import dev.firebreak.platform.config.FirebreakProperties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * When the incident is resolved, customers who were told about it hear that it is over: a
 * *Resolved* update (from the notice template of the incident type, under its public title) on the
 * status page and in its feed, and to subscribers when the plan notifies them; the component is
 * operational again. An incident that was never public publishes nothing; drills never do. Once
 * per incident, so a retried job never publishes twice.
 */
@Component("publishResolutionNotice")
class PublishResolutionNotice implements JavaDelegate {

  private final StatusPage statusPage;
  private final Incidents incidents;
  private final NoticeTemplates templates;
  private final FirebreakProperties properties;

  PublishResolutionNotice(StatusPage statusPage, Incidents incidents, NoticeTemplates templates,
      FirebreakProperties properties) {
    this.statusPage = statusPage;
    this.incidents = incidents;
    this.templates = templates;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    IncidentRecord incident = incidents.require(key);
    if (incident.drill() || Boolean.TRUE.equals(IncidentProcess.DRILL.get(execution)) || !statusPage.isPublic(key)) {
      return;
    }
    IncidentType type = incident.incidentType() == null ? IncidentType.OUTAGE : incident.incidentType();
    String message = templates.render(type, NoticePhase.RESOLVED, statusPage.componentName(incident.service()),
        incident.detectedAt(), properties.getZone(), templates.defaultLocale());
    String title = StatusUpdateVariables.PUBLIC_TITLE.get(execution);
    statusPage.publish(key, NoticePhase.RESOLVED.code(), title, message, key + ":resolved",
        NotificationPlan.says(NotificationPlan.SUBSCRIBERS, execution, false));
  }
}
