package dev.firebreak.notify.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.notify.IncidentCards;
import dev.firebreak.platform.time.EngineClock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Block Kit incident card: key and title, severity, status, level, commander, service,
 * acknowledgement, the latest update, and buttons (Acknowledge, Open in Tasklist, the incident,
 * Jira, the status page). One card per incident and channel, updated in place.
 */
@Component
class SlackIncidentCard {

  static final String ACKNOWLEDGE = "acknowledge";
  static final String OPEN_TASKLIST = "open_tasklist";
  static final String OPEN_INCIDENT = "open_incident";
  static final String OPEN_JIRA = "open_jira";
  static final String OPEN_STATUS_PAGE = "open_status_page";
  /** The link kind the tracking feature stores for the incident's Jira issue. */
  static final String JIRA_LINK_KIND = IncidentCards.JIRA_LINK_KIND;

  private final IncidentCards cards;
  private final EngineClock clock;

  SlackIncidentCard(IncidentCards cards, EngineClock clock) {
    this.cards = cards;
    this.clock = clock;
  }

  List<LayoutBlock> blocks(IncidentRecord incident, String latest) {
    List<LayoutBlock> blocks = new ArrayList<>();
    String title = (incident.drill() ? text("slack.drillPrefix") + " " : "") + incident.key() + " " + incident.title();
    blocks.add(header(h -> h.text(plainText(limit(title, 150)))));
    List<TextObject> fields = List.of(
        field("slack.severity", incident.severity() == null ? text("slack.unassessed") : incident.severity().code()),
        field("slack.status", text("status." + incident.status().code())),
        field("slack.level", "L" + incident.escalationLevel()),
        field("slack.commander", commander(incident.commander())),
        field("slack.service", escape(incident.service())),
        field("slack.acknowledged", incident.acknowledgedAt() == null ? text("slack.notYet") : time(incident.acknowledgedAt())));
    blocks.add(section(s -> s.fields(fields)));
    if (latest != null && !latest.isBlank()) {
      blocks.add(section(s -> s.text(markdownText(limit(text("slack.latest", escape(latest)), 3000)))));
    }
    List<BlockElement> buttons = new ArrayList<>();
    if (incident.acknowledgedAt() == null && incident.status() == IncidentStatus.TRIAGE) {
      buttons.add(button(b -> b.actionId(ACKNOWLEDGE).text(plainText(text("slack.button.acknowledge"))).value(incident.key())
          .style("primary")));
    }
    buttons.add(button(b -> b.actionId(OPEN_TASKLIST).text(plainText(text("slack.button.tasklist"))).url(tasklistUrl(incident))));
    buttons.add(button(b -> b.actionId(OPEN_INCIDENT).text(plainText(text("slack.button.incident"))).url(incidentUrl(incident.key()))));
    cards.jira(incident.key()).ifPresent(link -> buttons.add(button(b -> b.actionId(OPEN_JIRA)
        .text(plainText(limit(text("slack.button.jira", link.reference()), 75))).url(link.url()))));
    if (!incident.drill()) {
      buttons.add(button(b -> b.actionId(OPEN_STATUS_PAGE).text(plainText(text("slack.button.status"))).url(cards.statusPageUrl())));
    }
    blocks.add(actions(a -> a.elements(buttons)));
    blocks.add(context(c -> c.elements(List.of(markdownText(text("slack.updated", time(clock.now()))
        + (incident.drill() ? text("slack.isDrill") : ""))))));
    return blocks;
  }

  /** A card field: its name in bold, the value below. */
  private TextObject field(String name, String value) {
    return markdownText("*" + text(name) + "*\n" + value);
  }

  /** The card's words, in firebreak.notify.locale. */
  private String text(String code, Object... args) {
    return cards.text(code, args);
  }

  /** The incident's open Triage task in Tasklist (or Tasklist itself when triage is done). */
  String tasklistUrl(IncidentRecord incident) {
    return cards.tasklistUrl(incident);
  }

  String taskUrl(String taskId) {
    return cards.taskUrl(taskId);
  }

  String incidentUrl(String key) {
    return cards.incidentUrl(key);
  }

  private String commander(String userId) {
    if (userId == null || userId.isBlank()) {
      return text("slack.unassigned");
    }
    return cards.person(userId)
        .map(p -> (p.slackUser() == null || p.slackUser().isBlank() ? "" : "<@" + p.slackUser() + "> ") + escape(p.name()))
        .orElse(escape(userId));
  }

  private String time(java.time.Instant at) {
    return cards.time(at);
  }

  /** Slack mrkdwn control characters in text people typed. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String limit(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
