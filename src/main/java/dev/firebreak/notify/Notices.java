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
  private final AlertUpdatePosts alertUpdates;

  Notices(ChatChannel chat, EmailChannel email, Incidents incidents, @Lazy IdentityService identity,
      NotifyProperties properties, FirebreakProperties firebreak, AlertUpdatePosts alertUpdates) {
    this.alertUpdates = alertUpdates;
    this.chat = chat;
    this.email = email;
    this.incidents = incidents;
    this.identity = identity;
    this.properties = properties;
    this.firebreak = firebreak;
  }

  /** A one-line summary of the incident in its current state, posted to the incident channel. */
  public void postIncidentUpdate(String key, String headline) {
    postIncidentUpdate(key, headline, false);
  }

  /**
   * Posts the summary; with {@code alsoCentral} also to the central incident channel (drills
   * only ever go to the drill channel).
   */
  public void postIncidentUpdate(String key, String headline, boolean alsoCentral) {
    postCards(key, headline, alsoCentral);
    // the first of these in the incident's channel is its opening announcement: alert updates may follow
    alertUpdates.opened(key);
  }

  /**
   * An alert update: it waits until the incident's channel has its opening announcement; then the
   * cards are redrawn in place at once and the update goes into the next update post, at most one
   * per {@code firebreak.notify.alert-update-interval} ({@link AlertUpdatePosts}).
   */
  public void postAlertUpdate(String key, String headline, boolean alsoCentral) {
    if (alertUpdates.updateArrived(key)) {
      postCards(key, headline, alsoCentral);
    }
  }

  private void postCards(String key, String headline, boolean alsoCentral) {
    IncidentRecord incident = incidents.require(key);
    String text = (incident.drill() ? "[DRILL] " : "") + headline + " — [" + severity(incident) + "] "
        + incident.key() + " " + incident.title() + " (" + incident.service() + ", status "
        + incident.status().code() + ", level " + incident.escalationLevel() + ") "
        + firebreak.getBaseUrl() + "/api/incidents/" + incident.key();
    chat.post(new ChatMessage(key, channelFor(incident), text, incident.drill()));
    if (alsoCentral && !incident.drill() && !properties.getCentralChannel().equals(channelFor(incident))) {
      chat.post(new ChatMessage(key, properties.getCentralChannel(), text, false));
    }
  }

  /** E-mails every member of the given groups; a drill is told in the drill channel instead. */
  public void emailGroups(String key, List<String> groups, String subject, String body) {
    IncidentRecord incident = incidents.require(key);
    if (incident.drill()) {
      chat.post(new ChatMessage(key, properties.getDrillChannel(), "[DRILL] would e-mail " + String.join(", ", groups)
          + ": " + subject, true));
      return;
    }
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

  /** The incident's own channel ("#inc-2026-0042"); drills use the drill channel. */
  /** E-mails the given addresses (e.g. the on-call person); a drill is told in the drill channel instead. */
  public void emailPeople(String key, List<String> addresses, String subject, String body) {
    IncidentRecord incident = incidents.require(key);
    if (incident.drill()) {
      chat.post(new ChatMessage(key, properties.getDrillChannel(), "[DRILL] would e-mail " + String.join(", ", addresses)
          + ": " + subject, true));
      return;
    }
    email.send(new EmailMessage(key, addresses, "[" + severity(incident) + "] " + incident.key() + " " + subject,
        body + "\n\n" + firebreak.getBaseUrl() + "/camunda/app/tasklist", false));
  }

  /**
   * E-mails a meeting invitation (an iCalendar object, {@code METHOD:REQUEST}) to the given
   * addresses; a drill is told in the drill channel instead.
   */
  public void emailInvitation(String key, List<String> addresses, String subject, String body, String calendar) {
    IncidentRecord incident = incidents.require(key);
    if (incident.drill()) {
      chat.post(new ChatMessage(key, properties.getDrillChannel(), "[DRILL] would e-mail an invitation to "
          + String.join(", ", addresses) + ": " + subject, true));
      return;
    }
    email.send(new EmailMessage(key, addresses, "[" + severity(incident) + "] " + incident.key() + " " + subject,
        body, false, calendar));
  }

  private String channelFor(IncidentRecord incident) {
    return channelFor(incident, properties);
  }

  /** The incident's own channel ("#inc-2026-0042"); drills use the drill channel. */
  static String channelFor(IncidentRecord incident, NotifyProperties properties) {
    return incident.drill() ? properties.getDrillChannel() : "#" + incident.key().toLowerCase();
  }

  private static String severity(IncidentRecord incident) {
    return incident.severity() == null ? "unassessed" : incident.severity().code();
  }
}
