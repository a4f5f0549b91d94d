package dev.firebreak.notify.slack;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentAcknowledgements;
import dev.firebreak.incident.IncidentAcknowledgements.Acknowledged;
import dev.firebreak.incident.IncidentAcknowledgements.Acknowledgement;
import dev.firebreak.incident.IncidentAcknowledgements.AlreadyTriaged;
import dev.firebreak.incident.IncidentAcknowledgements.AlreadyYours;
import dev.firebreak.incident.IncidentAcknowledgements.NotAllowed;
import dev.firebreak.incident.IncidentAcknowledgements.NotFound;
import dev.firebreak.incident.IncidentAcknowledgements.TakenBy;
import dev.firebreak.platform.config.FirebreakProperties;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The Acknowledge button, translated: the Slack user is mapped to a person of the contact
 * directory, the incident feature decides ({@link IncidentAcknowledgements}: claim the Triage task,
 * record the acknowledgement), and its outcome becomes what the clicker is told (ephemerally).
 */
@Service
class SlackAcknowledgements {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm z");

  private final Directory directory;
  private final IncidentAcknowledgements acknowledgements;
  private final SlackIncidentCard card;
  private final FirebreakProperties firebreak;

  SlackAcknowledgements(Directory directory, IncidentAcknowledgements acknowledgements, SlackIncidentCard card,
      FirebreakProperties firebreak) {
    this.directory = directory;
    this.acknowledgements = acknowledgements;
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
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("via", "slack");
    details.put("slackUser", slackUserId);
    Acknowledgement outcome = acknowledgements.acknowledge(person.id(), incidentKey, "Slack", details);
    if (outcome instanceof NotFound) {
      return Outcome.tell(":warning: Firebreak has no incident " + incidentKey + ".");
    }
    if (outcome instanceof AlreadyTriaged) {
      return Outcome.tell(":information_source: " + incidentKey + " has already been triaged; nothing to acknowledge.");
    }
    if (outcome instanceof AlreadyYours yours) {
      return Outcome.tell(":information_source: You have already acknowledged " + incidentKey
          + "; *Triage incident* is yours: " + card.taskUrl(yours.taskId()));
    }
    if (outcome instanceof TakenBy taken) {
      return Outcome.tell(":information_source: " + taken.holder() + " has already taken *Triage incident* for " + incidentKey
          + ": " + card.taskUrl(taken.taskId()));
    }
    if (outcome instanceof NotAllowed) {
      return Outcome.tell(":no_entry: You (" + person.name() + ") may not work on *Triage incident*: it is for "
          + "the responders group. Nothing was acknowledged.");
    }
    Acknowledged done = (Acknowledged) outcome;
    return new Outcome(":white_check_mark: You acknowledged " + incidentKey + " ("
        + TIME.format(done.at().atZone(firebreak.getZone())) + "). *Triage incident* is yours: " + card.taskUrl(done.taskId()),
        true);
  }
}
