package dev.firebreak.incident;

import dev.firebreak.directory.Directory;
import java.time.Instant;
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
 * A person takes an incident on before triage finished (the Acknowledge button of a chat card): they
 * claim the incident's <i>Triage incident</i> task with their own Camunda permissions, and the first
 * acknowledgement sets the record's {@code acknowledgedAt}. The incident decides here; a chat
 * adapter only finds the person and words the {@link Acknowledgement} for its channel.
 */
@Service
public class IncidentAcknowledgements {

  /** What came of an acknowledgement. */
  public sealed interface Acknowledgement {
  }

  /** No incident has the key. */
  public record NotFound() implements Acknowledgement {
  }

  /** Triage is over (or the incident has no process): nothing to acknowledge. */
  public record AlreadyTriaged() implements Acknowledgement {
  }

  /** The person had acknowledged already and holds the Triage task. */
  public record AlreadyYours(String taskId) implements Acknowledgement {
  }

  /** Someone else holds the Triage task ({@code holder}: their name in the directory, else their user id). */
  public record TakenBy(String holder, String taskId) implements Acknowledgement {
  }

  /** The person's groups may not work on the Triage task: nothing was claimed or recorded. */
  public record NotAllowed() implements Acknowledgement {
  }

  /** The person holds the Triage task and the acknowledgement is recorded; {@code at} is the one in force. */
  public record Acknowledged(Instant at, String taskId) implements Acknowledgement {
  }

  private final Incidents incidents;
  private final Directory directory;
  private final TaskService tasks;
  private final IdentityService identity;

  IncidentAcknowledgements(Incidents incidents, Directory directory, @Lazy TaskService tasks,
      @Lazy IdentityService identity) {
    this.incidents = incidents;
    this.directory = directory;
    this.tasks = tasks;
    this.identity = identity;
  }

  /**
   * The person (a Camunda user id, a person of the directory) acknowledges the incident through a
   * channel ("Slack"). {@code details} (what the channel knows, e.g. its user id) go on the timeline
   * entry, followed by the claimed task's id.
   */
  public Acknowledgement acknowledge(String personId, String incidentKey, String channel, Map<String, Object> details) {
    Optional<IncidentRecord> incident = incidentKey == null ? Optional.empty() : incidents.find(incidentKey);
    if (incident.isEmpty()) {
      return new NotFound();
    }
    Task triage = incident.get().processInstanceId() == null ? null : tasks.createTaskQuery()
        .processInstanceId(incident.get().processInstanceId())
        .taskDefinitionKey(IncidentProcess.Elements.TRIAGE_INCIDENT).active().singleResult();
    if (triage == null) {
      return new AlreadyTriaged();
    }
    if (personId.equals(triage.getAssignee()) && incident.get().acknowledgedAt() != null) {
      return new AlreadyYours(triage.getId());
    }
    if (triage.getAssignee() != null && !triage.getAssignee().equals(personId)) {
      String holder = directory.person(triage.getAssignee()).map(Directory.Person::name).orElse(triage.getAssignee());
      return new TakenBy(holder, triage.getId());
    }
    if (triage.getAssignee() == null) {
      List<String> groups = identity.createGroupQuery().groupMember(personId).list().stream().map(Group::getId).toList();
      identity.setAuthentication(personId, groups);
      try {
        tasks.claim(triage.getId(), personId);
      } catch (AuthorizationException e) {
        return new NotAllowed();
      } finally {
        identity.clearAuthentication();
      }
    }
    Map<String, Object> entry = new LinkedHashMap<>(details == null ? Map.of() : details);
    entry.put("taskId", triage.getId());
    String name = directory.person(personId).map(Directory.Person::name).orElse(personId);
    Instant at = incidents.acknowledge(incidentKey, personId,
        incidents.words().get("acknowledged", channel, name), entry);
    return new Acknowledged(at, triage.getId());
  }
}
