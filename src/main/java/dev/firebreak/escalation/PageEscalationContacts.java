package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.EscalationTarget;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.directory.Directory;
import dev.firebreak.notify.Notices;
import dev.firebreak.platform.i18n.TimelineWords;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.identity.Groups;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Pages the tier the escalation reached: L2 the owning team's on-call person, L3 leadership. Only
 * e-mail here: the job is retried when it fails, so the idempotent announcements (Jira, Slack)
 * are their own task, *Announce escalation*, and a Slack outage never sends a page twice.
 */
@Component("pageEscalationContacts")
class PageEscalationContacts implements JavaDelegate {

  private final Notices notices;
  private final Directory directory;
  private final EngineClock clock;
  private final FirebreakProperties properties;
  private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final TimelineWords words;

  PageEscalationContacts(Notices notices, Directory directory, EngineClock clock,
      FirebreakProperties properties, TimelineWords words) {
    this.words = words;
    this.notices = notices;
    this.directory = directory;
    this.clock = clock;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    String service = IncidentProcess.SERVICE.require(execution);
    EscalationTarget target = ESCALATION_TARGET.get(execution).orElse(EscalationTarget.ON_CALL);
    String subject = words.get("escalation.page.subject", ESCALATION_LEVEL.require(execution));
    String body = words.get("escalation.page.body", ESCALATION_REASON.get(execution));
    PAGE_AWAITING_ACKNOWLEDGEMENT.set(execution, false);
    PAGE_ACKNOWLEDGE_TIMEOUT.set(execution, properties.getEscalation().getPageAcknowledgeTimeout());
    switch (target) {
      case ON_CALL -> notices.emailGroups(key, List.of(Groups.RESPONDERS), subject, body);
      case SERVICE_TEAM -> pageServiceTeam(execution, key, service, subject, body);
      case EXECUTIVES -> {
        // leadership is never told before the owning team: a jump from level 1 pages the team too
        if (!Boolean.TRUE.equals(onIncident(execution, SERVICE_TEAM_PAGED))) {
          pageServiceTeam(execution, key, service, subject, body);
        }
        notices.emailGroups(key, List.of(Groups.EXECUTIVES, Groups.INCIDENT_MANAGERS), subject, body);
      }
    }
  }

  /** Level 2: the owning team's on-call person from the rotation, who must acknowledge; else the whole team. */
  private void pageServiceTeam(DelegateExecution execution, String key, String service, String subject, String body) {
    Optional<Directory.OnCall> onCall = directory.onCall(service, clock.now());
    if (onCall.isPresent()) {
      Directory.OnCall person = onCall.get();
      notices.emailPeople(key, List.of(person.person()), subject,
          body + "\n" + words.get("escalation.page.onCall", person.team(), UNTIL.format(person.until().atZone(properties.getZone()))));
      PAGED_TEAM.set(execution, person.team());
      PAGED_TEAM_GROUP.set(execution, Groups.team(person.team()));
      PAGED_PERSON.set(execution, person.person().id());
      PAGED_PEOPLE.set(execution, person.person().id());
      PAGE_AWAITING_ACKNOWLEDGEMENT.set(execution, true);
    } else {
      notices.emailGroups(key, List.of(directory.owningTeamGroup(service)), subject, body);
    }
    setOnIncident(execution, SERVICE_TEAM_PAGED, true);
  }
}
