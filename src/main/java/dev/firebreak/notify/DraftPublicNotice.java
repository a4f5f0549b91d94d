package dev.firebreak.notify;

import static dev.firebreak.notify.StatusUpdateVariables.*;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Drafts the next public notice from the template of the incident's type and current phase: the
 * phase, the text and the public title (the one communications chose before, else the type's
 * template title — never the internal title), the social post (within the channel's length limit,
 * not to be posted unless communications tick it), and resets the decision to publish.
 */
@Component("draftPublicNotice")
class DraftPublicNotice implements JavaDelegate {

  private final Incidents incidents;
  private final NoticeTemplates templates;
  private final ServiceCatalog catalog;
  private final FirebreakProperties properties;
  private final SocialProperties social;

  DraftPublicNotice(Incidents incidents, NoticeTemplates templates, ServiceCatalog catalog,
      FirebreakProperties properties, SocialProperties social) {
    this.social = social;
    this.incidents = incidents;
    this.templates = templates;
    this.catalog = catalog;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    IncidentRecord incident = incidents.require(IncidentProcess.INCIDENT_KEY.require(execution));
    NoticePhase phase = phase(incident, execution);
    IncidentType type = incident.incidentType() == null ? IncidentType.OUTAGE : incident.incidentType();
    String component = catalog.find(incident.service()).map(s -> s.getComponent()).orElse(incident.service());
    STATUS_PHASE.set(execution, phase);
    STATUS_MESSAGE.set(execution, templates.render(type, phase, component, incident.detectedAt(),
        properties.getZone(), templates.defaultLocale()));
    String chosen = PUBLIC_TITLE.get(execution);
    PUBLIC_TITLE.set(execution, chosen != null && !chosen.isBlank() ? chosen
        : templates.title(type, component, templates.defaultLocale()));
    SOCIAL_POST.set(execution, social.getMastodon().draft(PUBLIC_TITLE.get(execution), STATUS_MESSAGE.get(execution),
        properties.getBaseUrl() + "/status"));
    POST_TO_SOCIAL.set(execution, false);
    NOTICE_DECISION.set(execution, NoticeDecision.PUBLISH);
    HOLD_REASON.set(execution, null);
  }

  static NoticePhase phase(IncidentRecord incident, DelegateExecution execution) {
    return switch (incident.status()) {
      case TRIAGE -> NoticePhase.INVESTIGATING;
      case INVESTIGATING -> execution.getVariable("recoveryStrategy") != null
          ? NoticePhase.IDENTIFIED : NoticePhase.INVESTIGATING;
      case MONITORING -> NoticePhase.MONITORING;
      default -> NoticePhase.RESOLVED;
    };
  }
}
