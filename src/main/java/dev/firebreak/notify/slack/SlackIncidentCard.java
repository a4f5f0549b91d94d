package dev.firebreak.notify.slack;

import dev.firebreak.platform.time.EngineClock;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
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
import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.firebreak.notify.NotifyProperties;
import org.springframework.context.MessageSource;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

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
  static final String JIRA_LINK_KIND = "tracking-issue";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final FirebreakProperties firebreak;
  private final Incidents incidents;
  private final TaskService tasks;
  private final Directory directory;
  private final EngineClock clock;
  private final MessageSource messages;
  private final NotifyProperties notify;

  SlackIncidentCard(FirebreakProperties firebreak, Incidents incidents, @Lazy TaskService tasks, Directory directory,
      EngineClock clock, MessageSource messages, NotifyProperties notify) {
    this.clock = clock;
    this.messages = messages;
    this.notify = notify;
    this.firebreak = firebreak;
    this.incidents = incidents;
    this.tasks = tasks;
    this.directory = directory;
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
    jira(incident.key()).ifPresent(link -> buttons.add(button(b -> b.actionId(OPEN_JIRA)
        .text(plainText(limit(text("slack.button.jira", link.reference()), 75))).url(link.url()))));
    if (!incident.drill()) {
      buttons.add(button(b -> b.actionId(OPEN_STATUS_PAGE).text(plainText(text("slack.button.status"))).url(base() + "/status")));
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
    return messages.getMessage(code, args.length == 0 ? null : args, Locale.forLanguageTag(notify.getLocale()));
  }

  /** The incident's open Triage task in Tasklist (or Tasklist itself when triage is done). */
  String tasklistUrl(IncidentRecord incident) {
    return openTask(incident).map(task -> taskUrl(task.getId())).orElse(base() + "/camunda/app/tasklist/default/");
  }

  String taskUrl(String taskId) {
    return base() + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  String incidentUrl(String key) {
    return base() + "/api/incidents/" + key;
  }

  private Optional<Task> openTask(IncidentRecord incident) {
    if (incident.processInstanceId() == null) {
      return Optional.empty();
    }
    List<Task> open = tasks.createTaskQuery().processInstanceId(incident.processInstanceId()).active()
        .orderByTaskCreateTime().desc().list();
    return open.stream().filter(t -> IncidentProcess.Elements.TRIAGE_INCIDENT.equals(t.getTaskDefinitionKey()))
        .findFirst().or(() -> open.stream().findFirst());
  }

  private Optional<IncidentLink> jira(String key) {
    return incidents.links(key).stream().filter(l -> JIRA_LINK_KIND.equals(l.kind()) && l.url() != null).findFirst();
  }

  private String commander(String userId) {
    if (userId == null || userId.isBlank()) {
      return text("slack.unassigned");
    }
    return directory.person(userId)
        .map(p -> (p.slackUser() == null || p.slackUser().isBlank() ? "" : "<@" + p.slackUser() + "> ") + escape(p.name()))
        .orElse(escape(userId));
  }

  private String time(Instant at) {
    return TIME.format(at.atZone(firebreak.getZone()));
  }

  private String base() {
    String base = firebreak.getBaseUrl();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
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
