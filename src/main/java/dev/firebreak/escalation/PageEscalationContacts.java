package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.EscalationTarget;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.directory.Directory;
import dev.firebreak.notify.Notices;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.identity.Groups;
import java.util.List;
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

  PageEscalationContacts(Notices notices, Directory directory, EngineClock clock,
      FirebreakProperties properties) {
    this.notices = notices;
    this.directory = directory;
    this.clock = clock;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    EscalationTarget target = ESCALATION_TARGET.get(execution).orElse(EscalationTarget.ON_CALL);
    List<String> groups = switch (target) {
      case ON_CALL -> List.of(Groups.RESPONDERS);
      case SERVICE_TEAM -> List.of(directory.owningTeamGroup(IncidentProcess.SERVICE.require(execution)));
      case EXECUTIVES -> List.of(Groups.EXECUTIVES, Groups.INCIDENT_MANAGERS);
    };
    String subject = "escalated to level " + ESCALATION_LEVEL.require(execution);
    String body = "Reason: " + ESCALATION_REASON.get(execution);
    var onCall = target == EscalationTarget.SERVICE_TEAM
        ? directory.onCall(IncidentProcess.SERVICE.require(execution), clock.now()) : java.util.Optional.<Directory.OnCall>empty();
    PAGE_AWAITING_ACKNOWLEDGEMENT.set(execution, false);
    PAGE_ACKNOWLEDGE_TIMEOUT.set(execution, properties.getEscalation().getPageAcknowledgeTimeout());
    if (onCall.isPresent()) {
      // level 2 pages the owning team's on-call person from the rotation, who must acknowledge
      Directory.OnCall person = onCall.get();
      notices.emailPeople(key, List.of(person.person().email()), subject,
          body + "\nYou are on call for " + person.team() + " until " + person.until() + "."
              + "\nAcknowledge the page in Tasklist, or the next person in the rotation is paged.");
      PAGED_TEAM.set(execution, person.team());
      PAGED_TEAM_GROUP.set(execution, Groups.team(person.team()));
      PAGED_PERSON.set(execution, person.person().id());
      PAGED_PEOPLE.set(execution, person.person().id());
      PAGE_AWAITING_ACKNOWLEDGEMENT.set(execution, true);
    } else {
      notices.emailGroups(key, groups, subject, body);
    }
  }
}
