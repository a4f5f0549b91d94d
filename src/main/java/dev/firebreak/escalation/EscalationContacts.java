package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.ESCALATION_TARGET;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.EscalationTarget;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.time.EngineClock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Create listener on every user task ({@link EscalationTaskPlugin} adds it), acting on
 * <i>Approve escalation</i> only: names the people the level would page — the owning team's on-call
 * person, leadership — from the directory, so the approver sees people, not group ids
 * ({@code escalationContacts}, local to the task).
 */
@Component("escalationContacts")
class EscalationContacts implements TaskListener {

  private final Directory directory;
  private final IdentityService identity;
  private final EngineClock clock;

  EscalationContacts(Directory directory, @Lazy IdentityService identity, EngineClock clock) {
    this.directory = directory;
    this.identity = identity;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!Elements.APPROVE_ESCALATION.equals(task.getTaskDefinitionKey())) {
      return;
    }
    String service = IncidentProcess.SERVICE.get(task);
    EscalationTarget target = ESCALATION_TARGET.get(task).orElse(EscalationTarget.ON_CALL);
    List<String> lines = new ArrayList<>();
    switch (target) {
      case ON_CALL -> lines.add("On call (L1): " + members(Groups.RESPONDERS));
      case SERVICE_TEAM -> lines.add(serviceTeam(service));
      case EXECUTIVES -> {
        if (!Boolean.TRUE.equals(onIncident(task.getExecution(), SERVICE_TEAM_PAGED))) {
          lines.add("First " + serviceTeam(service));
        }
        lines.add("Leadership (L3): " + members(Groups.EXECUTIVES));
        lines.add("Incident managers: " + members(Groups.INCIDENT_MANAGERS));
      }
    }
    ESCALATION_CONTACTS.setLocal(task, String.join("\n", lines));
  }

  private String serviceTeam(String service) {
    if (service == null) {
      return "the owning team";
    }
    return directory.onCall(service, clock.now())
        .map(onCall -> "On call for team " + onCall.team() + " (L2): " + describe(onCall.person()))
        .orElseGet(() -> "Team " + directory.owningTeamGroup(service) + " (L2): " + members(directory.owningTeamGroup(service)));
  }

  private static String describe(Directory.Person person) {
    return person.name() + (person.email() == null ? "" : " <" + person.email() + ">")
        + (person.phone() == null ? "" : ", " + person.phone());
  }

  /** The group's members by name (the directory's, else Camunda's), never the group id alone. */
  private String members(String group) {
    List<User> users = EngineAccess.withoutAuthorization(() -> identity.createUserQuery().memberOfGroup(group).list());
    Set<String> names = new LinkedHashSet<>();
    for (User user : users) {
      names.add(directory.person(user.getId()).map(EscalationContacts::describe).orElseGet(() -> {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
            + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? user.getId() : name;
      }));
    }
    return names.isEmpty() ? "nobody in the directory yet" : String.join(", ", names);
  }
}
