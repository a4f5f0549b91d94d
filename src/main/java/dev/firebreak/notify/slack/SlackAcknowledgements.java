package dev.firebreak.notify.slack;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The Acknowledge button: the Slack user, mapped to a person of the contact directory, claims the
 * incident's Triage task (with their own Camunda permissions) and the acknowledgement time is
 * recorded. Returns what the clicker is told (ephemerally).
 */
@Service
class SlackAcknowledgements {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm z");

  private final Directory directory;
  private final Incidents incidents;
  private final TaskService tasks;
  private final IdentityService identity;
  private final SlackIncidentCard card;
  private final FirebreakProperties firebreak;

  SlackAcknowledgements(Directory directory, Incidents incidents, @Lazy TaskService tasks,
      @Lazy IdentityService identity, SlackIncidentCard card, FirebreakProperties firebreak) {
    this.directory = directory;
    this.incidents = incidents;
    this.tasks = tasks;
    this.identity = identity;
    this.card = card;
    this.firebreak = firebreak;
  }

  /** What the clicker is told, and whether this click acknowledged the incident (the cards need redrawing). */
  record Outcome(String reply, boolean acknowledged) {
    static Outcome tell(String reply) {
      return new Outcome(reply, false);
    }
  }

  Outcome acknowledge(String slackUserId, String slackUserName, String incidentKey) {
    Optional<Directory.Person> found = directory.people().stream()
        .filter(p -> slackUserId != null && slackUserId.equals(p.slackUser())).findFirst();
    if (found.isEmpty()) {
      String who = slackUserName == null ? slackUserId : "@" + slackUserName + ", " + slackUserId;
      return Outcome.tell(":warning: Your Slack account (" + who + ") is not in Firebreak's contact directory, so Firebreak cannot tell who you are in Tasklist and did not "
          + "acknowledge " + incidentKey + ". Ask an incident manager to add your Slack user id to the directory, "
          + "or acknowledge in Tasklist: " + firebreak.getBaseUrl() + "/camunda/app/tasklist");
    }
    Directory.Person person = found.get();
    Optional<IncidentRecord> incident = incidentKey == null ? Optional.empty() : incidents.find(incidentKey);
    if (incident.isEmpty()) {
      return Outcome.tell(":warning: Firebreak has no incident " + incidentKey + ".");
    }
    Task triage = incident.get().processInstanceId() == null ? null : tasks.createTaskQuery()
        .processInstanceId(incident.get().processInstanceId())
        .taskDefinitionKey(IncidentProcess.Elements.TRIAGE_INCIDENT).active().singleResult();
    if (triage == null) {
      return Outcome.tell(":information_source: " + incidentKey + " has already been triaged; nothing to acknowledge.");
    }
    if (person.id().equals(triage.getAssignee()) && incident.get().acknowledgedAt() != null) {
      return Outcome.tell(":information_source: You have already acknowledged " + incidentKey
          + "; *Triage incident* is yours: " + card.taskUrl(triage.getId()));
    }
    if (triage.getAssignee() != null && !triage.getAssignee().equals(person.id())) {
      String holder = directory.person(triage.getAssignee()).map(Directory.Person::name).orElse(triage.getAssignee());
      return Outcome.tell(":information_source: " + holder + " has already taken *Triage incident* for " + incidentKey
          + ": " + card.taskUrl(triage.getId()));
    }
    if (triage.getAssignee() == null) {
      List<String> groups = identity.createGroupQuery().groupMember(person.id()).list().stream().map(Group::getId).toList();
      identity.setAuthentication(person.id(), groups);
      try {
        tasks.claim(triage.getId(), person.id());
      } catch (AuthorizationException e) {
        return Outcome.tell(":no_entry: You (" + person.name() + ") may not work on *Triage incident*: it is for "
            + "the responders group. Nothing was acknowledged.");
      } finally {
        identity.clearAuthentication();
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("via", "slack");
    details.put("slackUser", slackUserId);
    details.put("taskId", triage.getId());
    Instant at = incidents.acknowledge(incidentKey, person.id(),
        "Acknowledged in Slack by " + person.name() + "; Triage incident claimed", details);
    return new Outcome(":white_check_mark: You acknowledged " + incidentKey + " ("
        + TIME.format(at.atZone(firebreak.getZone())) + "). *Triage incident* is yours: " + card.taskUrl(triage.getId()),
        true);
  }
}
