package dev.firebreak.notify;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/** Composes and sends incident notices through the channel ports. */
@Service
public class Notices {

  private final ChatChannel chat;
  private final EmailChannel email;
  private final Incidents incidents;
  private final IdentityService identity;
  private final NotifyProperties properties;
  private final FirebreakProperties firebreak;

  Notices(ChatChannel chat, EmailChannel email, Incidents incidents, @Lazy IdentityService identity,
      NotifyProperties properties, FirebreakProperties firebreak) {
    this.chat = chat;
    this.email = email;
    this.incidents = incidents;
    this.identity = identity;
    this.properties = properties;
    this.firebreak = firebreak;
  }

  /** A one-line summary of the incident in its current state, posted to the incident channel. */
  public void postIncidentUpdate(String key, String headline) {
    IncidentRecord incident = incidents.require(key);
    String text = (incident.drill() ? "[DRILL] " : "") + headline + " — [" + severity(incident) + "] "
        + incident.key() + " " + incident.title() + " (" + incident.service() + ", status "
        + incident.status() + ", level " + incident.escalationLevel() + ") "
        + firebreak.getBaseUrl() + "/api/incidents/" + incident.key();
    chat.post(new ChatMessage(key, channelFor(incident), text, incident.drill()));
  }

  /** E-mails every member of the given groups. */
  public void emailGroups(String key, List<String> groups, String subject, String body) {
    IncidentRecord incident = incidents.require(key);
    List<String> to = groups.stream()
        .flatMap(group -> identity.createUserQuery().memberOfGroup(group).list().stream())
        .map(User::getEmail).filter(address -> address != null && !address.isBlank())
        .distinct().toList();
    if (to.isEmpty()) {
      to = groups.stream().map(group -> "group:" + group).toList();
    }
    String prefix = incident.drill() ? "[DRILL] " : "";
    email.send(new EmailMessage(key, to, prefix + "[" + severity(incident) + "] " + incident.key() + " " + subject,
        body + "\n\n" + firebreak.getBaseUrl() + "/camunda/app/tasklist", incident.drill()));
  }

  private String channelFor(IncidentRecord incident) {
    return incident.drill() ? properties.getDrillChannel() : properties.getCentralChannel();
  }

  private static String severity(IncidentRecord incident) {
    return incident.severity() == null ? "unassessed" : incident.severity();
  }
}
