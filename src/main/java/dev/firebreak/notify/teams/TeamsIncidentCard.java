package dev.firebreak.notify.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.notify.IncidentCards;
import dev.firebreak.platform.time.EngineClock;
import java.time.Instant;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The Teams incident card: the Slack card's content as an Adaptive Card 1.4 in the message a
 * Workflows webhook takes ({@code {"type":"message","attachments":[{"contentType":
 * "application/vnd.microsoft.card.adaptive","content":{...}}]}}): key and title, severity, status,
 * level, commander, service, acknowledgement, the latest update, and links (Tasklist, the incident
 * on Firebreak's board, Jira, the status page). A follow-up card says which card it follows. Only
 * Action.OpenUrl: a card posted by the Workflows flow bot cannot call Firebreak back, so
 * acknowledging is done in Tasklist.
 */
@Component
@Conditional(TeamsConfigured.class)
class TeamsIncidentCard {

  static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
  static final String VERSION = "1.4";

  private final IncidentCards cards;
  private final EngineClock clock;
  private final ObjectMapper json;

  TeamsIncidentCard(IncidentCards cards, EngineClock clock, ObjectMapper json) {
    this.cards = cards;
    this.clock = clock;
    this.json = json;
  }

  /**
   * The webhook's request body. {@code seq} 0 is the incident's card in the channel; a higher one a
   * follow-up to the card posted at {@code firstPostedAt} (null: not known yet).
   */
  String message(IncidentRecord incident, String latest, int seq, Instant firstPostedAt) {
    ObjectNode message = json.createObjectNode();
    message.put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", CONTENT_TYPE);
    attachment.putNull("contentUrl");
    attachment.set("content", card(incident, latest, seq, firstPostedAt));
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  ObjectNode card(IncidentRecord incident, String latest, int seq, Instant firstPostedAt) {
    ObjectNode card = json.createObjectNode();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", VERSION);
    card.putObject("msteams").put("width", "Full");
    ArrayNode body = card.putArray("body");
    String title = (incident.drill() ? cards.text("slack.drillPrefix") + " " : "") + incident.key() + " " + incident.title();
    body.addObject().put("type", "TextBlock").put("text", limit(title, 150)).put("size", "Large").put("weight", "Bolder")
        .put("style", "heading").put("wrap", true);
    if (seq > 0) {
      String followUp = firstPostedAt == null ? cards.text("teams.followUp.notYet", seq)
          : cards.text("teams.followUp", seq, cards.time(firstPostedAt));
      body.addObject().put("type", "TextBlock").put("text", followUp).put("isSubtle", true).put("spacing", "None")
          .put("wrap", true);
    }
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    fact(facts, "slack.severity", incident.severity() == null ? cards.text("slack.unassessed") : incident.severity().code());
    fact(facts, "slack.status", cards.text("status." + incident.status().code()));
    fact(facts, "slack.level", "L" + incident.escalationLevel());
    fact(facts, "slack.commander", commander(incident.commander()));
    fact(facts, "slack.service", incident.service() == null ? "" : incident.service());
    fact(facts, "slack.acknowledged", incident.acknowledgedAt() == null ? cards.text("slack.notYet")
        : cards.time(incident.acknowledgedAt()));
    if (latest != null && !latest.isBlank()) {
      body.addObject().put("type", "TextBlock").put("text", limit(cards.text("teams.latest", latest), 3000))
          .put("wrap", true);
    }
    body.addObject().put("type", "TextBlock").put("text", cards.text("slack.updated", cards.time(clock.now()))
        + (incident.drill() ? " · " + cards.text("teams.isDrill") : "")).put("isSubtle", true).put("size", "Small")
        .put("wrap", true);
    ArrayNode actions = card.putArray("actions");
    open(actions, cards.text("slack.button.tasklist"), cards.tasklistUrl(incident));
    open(actions, cards.text("teams.button.board"), cards.boardUrl(incident.key()));
    cards.jira(incident.key()).ifPresent(link -> open(actions, limit(cards.text("slack.button.jira", link.reference()), 75),
        link.url()));
    if (!incident.drill()) {
      open(actions, cards.text("slack.button.status"), cards.statusPageUrl());
    }
    return card;
  }

  private void fact(ArrayNode facts, String name, String value) {
    facts.addObject().put("title", cards.text(name)).put("value", value);
  }

  private static void open(ArrayNode actions, String title, String url) {
    actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url);
  }

  private String commander(String userId) {
    if (userId == null || userId.isBlank()) {
      return cards.text("slack.unassigned");
    }
    return cards.person(userId).map(p -> p.name()).orElse(userId);
  }

  private static String limit(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
