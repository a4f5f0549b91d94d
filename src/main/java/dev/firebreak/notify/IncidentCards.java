package dev.firebreak.notify;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What every chat vendor's incident card shows, whatever its format (Slack Block Kit, Teams
 * Adaptive Card): the card's words in firebreak.notify.locale, the links back to Firebreak and
 * Tasklist, the incident's Jira issue, the commander, times in Firebreak's zone.
 */
@Component
public class IncidentCards {

  /** The link kind the tracking feature stores for the incident's Jira issue. */
  public static final String JIRA_LINK_KIND = "tracking-issue";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final FirebreakProperties firebreak;
  private final Incidents incidents;
  private final TaskService tasks;
  private final Directory directory;
  private final MessageSource messages;
  private final NotifyProperties notify;

  IncidentCards(FirebreakProperties firebreak, Incidents incidents, @Lazy TaskService tasks, Directory directory,
      MessageSource messages, NotifyProperties notify) {
    this.firebreak = firebreak;
    this.incidents = incidents;
    this.tasks = tasks;
    this.directory = directory;
    this.messages = messages;
    this.notify = notify;
  }

  /** The card's words, in firebreak.notify.locale. */
  public String text(String code, Object... args) {
    return messages.getMessage(code, args.length == 0 ? null : args, Locale.forLanguageTag(notify.getLocale()));
  }

  /** The incident's open Triage task in Tasklist (or Tasklist itself when triage is done). */
  public String tasklistUrl(IncidentRecord incident) {
    return openTask(incident).map(task -> taskUrl(task.getId())).orElse(base() + "/camunda/app/tasklist/default/");
  }

  public String taskUrl(String taskId) {
    return base() + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /** The incident in Firebreak's API. */
  public String incidentUrl(String key) {
    return base() + "/api/incidents/" + key;
  }

  /** The incident on Firebreak's situation board (a page people read). */
  public String boardUrl(String key) {
    return base() + "/incidents/" + key;
  }

  public String statusPageUrl() {
    return base() + "/status";
  }

  /** The incident's Jira issue, when it has one. */
  public Optional<IncidentLink> jira(String key) {
    return incidents.links(key).stream().filter(l -> JIRA_LINK_KIND.equals(l.kind()) && l.url() != null).findFirst();
  }

  /** The commander in the directory (empty when unknown). */
  public Optional<Directory.Person> person(String userId) {
    return userId == null || userId.isBlank() ? Optional.empty() : directory.person(userId);
  }

  public String time(Instant at) {
    return TIME.format(at.atZone(firebreak.getZone()));
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

  private String base() {
    String base = firebreak.getBaseUrl();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
