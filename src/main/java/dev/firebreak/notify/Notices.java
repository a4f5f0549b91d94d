package dev.firebreak.notify;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.config.FirebreakProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/** Composes and sends incident notices through the channel ports. */
@Service
public class Notices {

  private final ChatChannel chat;
  private final MailOutbox outbox;
  private final Incidents incidents;
  private final IdentityService identity;
  private final NotifyProperties properties;
  private final FirebreakProperties firebreak;
  private final AlertUpdatePosts alertUpdates;

  Notices(ChatChannel chat, MailOutbox outbox, Incidents incidents, @Lazy IdentityService identity,
      NotifyProperties properties, FirebreakProperties firebreak, AlertUpdatePosts alertUpdates) {
    this.alertUpdates = alertUpdates;
    this.chat = chat;
    this.outbox = outbox;
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
    String text = incidents.words().get(incident.drill() ? "chat.text.drill" : "chat.text", headline, severity(incident),
        incident.key(), incident.title(), incident.service(),
        incidents.words().get("chat.status." + incident.status().code()), incident.escalationLevel(),
        firebreak.getBaseUrl() + "/api/incidents/" + incident.key());
    chat.post(new ChatMessage(key, channelFor(incident), text, incident.drill()));
    if (alsoCentral && !incident.drill() && !properties.getCentralChannel().equals(channelFor(incident))) {
      chat.post(new ChatMessage(key, properties.getCentralChannel(), text, false));
    }
  }

  /**
   * E-mails every member of the given groups (through the {@link MailOutbox}: sent after commit,
   * once); members without an e-mail address are skipped and named on the timeline, and when nobody
   * has one nothing is sent (never to a group id). A drill is told in the drill channel instead.
   */
  public void emailGroups(String key, List<String> groups, String subject, String body) {
    IncidentRecord incident = incidents.require(key);
    if (incident.drill()) {
      chat.post(new ChatMessage(key, properties.getDrillChannel(),
          incidents.words().get("chat.drill.email", String.join(", ", groups), subject), true));
      return;
    }
    Map<String, User> members = new LinkedHashMap<>();
    groups.forEach(group -> identity.createUserQuery().memberOfGroup(group).list()
        .forEach(user -> members.putIfAbsent(user.getId(), user)));
    List<Recipient> recipients = members.values().stream()
        .map(user -> new Recipient(user.getId(), name(user), user.getEmail())).toList();
    send(incident, recipients, String.join(", ", groups), subject,
        body + "\n\n" + firebreak.getBaseUrl() + "/camunda/app/tasklist", null);
  }

  /**
   * E-mails the given people (e.g. the on-call person); one without an address is skipped and named
   * on the timeline. A drill is told in the drill channel instead.
   */
  public void emailPeople(String key, List<Directory.Person> people, String subject, String body) {
    IncidentRecord incident = incidents.require(key);
    if (incident.drill()) {
      chat.post(new ChatMessage(key, properties.getDrillChannel(), incidents.words().get("chat.drill.email",
          String.join(", ", people.stream().map(Directory.Person::name).toList()), subject), true));
      return;
    }
    send(incident, people.stream().map(p -> new Recipient(p.id(), p.name(), p.email())).toList(),
        String.join(", ", people.stream().map(Directory.Person::name).toList()), subject,
        body + "\n\n" + firebreak.getBaseUrl() + "/camunda/app/tasklist", null);
  }

  /**
   * E-mails a meeting invitation (an iCalendar object, {@code METHOD:REQUEST}) to the given
   * addresses; a drill is told in the drill channel instead.
   */
  public void emailInvitation(String key, List<String> addresses, String subject, String body, String calendar) {
    IncidentRecord incident = incidents.require(key);
    if (incident.drill()) {
      chat.post(new ChatMessage(key, properties.getDrillChannel(),
          incidents.words().get("chat.drill.invitation", String.join(", ", addresses), subject), true));
      return;
    }
    send(incident, addresses.stream().map(address -> new Recipient(address, address, address)).toList(),
        String.join(", ", addresses), subject, body, calendar);
  }

  /**
   * E-mails the given addresses (a shared mailbox, e.g. the support centre's) through the mail
   * outbox; a drill is told in the drill channel instead.
   */
  public void emailAddresses(String key, List<String> addresses, String subject, String body) {
    IncidentRecord incident = incidents.require(key);
    if (incident.drill()) {
      chat.post(new ChatMessage(key, properties.getDrillChannel(),
          incidents.words().get("chat.drill.email", String.join(", ", addresses), subject), true));
      return;
    }
    send(incident, addresses.stream().map(address -> new Recipient(address, address, address)).toList(),
        String.join(", ", addresses), subject, body, null);
  }

  /** Someone to e-mail: who (for the timeline) and the address (null or blank: none). */
  private record Recipient(String id, String name, String address) {
    boolean hasAddress() {
      return address != null && !address.isBlank();
    }
  }

  private void send(IncidentRecord incident, List<Recipient> recipients, String audience, String subject,
      String body, String calendar) {
    String fullSubject = "[" + severity(incident) + "] " + incident.key() + " " + subject;
    List<Recipient> skipped = recipients.stream().filter(r -> !r.hasAddress()).toList();
    List<String> to = recipients.stream().filter(Recipient::hasAddress).map(Recipient::address).distinct().toList();
    if (!skipped.isEmpty() || to.isEmpty()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("subject", fullSubject);
      details.put("skipped", skipped.stream().map(Recipient::id).toList());
      details.put("to", to);
      details.put("delivered", false);
      String names = String.join(", ", skipped.stream().map(Recipient::name).toList());
      incidents.note(incident.key(), null, TimelineEntry.Kind.NOTIFICATION, to.isEmpty()
          ? incidents.words().get(skipped.isEmpty() ? "mail.nobody" : "mail.nobody.skipped", fullSubject, audience,
              names)
          : incidents.words().get("mail.skipped", fullSubject, names), details);
    }
    if (!to.isEmpty()) {
      outbox.enqueue(incident.key(), to, fullSubject, body, incident.drill(), calendar);
    }
  }

  private static String name(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")";
  }

  /** The incident's own channel ("#inc-2026-0042"); drills use the drill channel. */
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
