package dev.firebreak.postmortem;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.Notices;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.time.EngineClock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The post-mortem passed its due time unpublished: its owner is e-mailed and the timeline says so,
 * once (a retried job finds the post-mortem reminded). Nothing when it has no owner yet but the
 * timeline note, which names that.
 */
@Component("remindPostmortemOwner")
class RemindPostmortemOwner implements JavaDelegate {

  private final PostmortemRecords records;
  private final Incidents incidents;
  private final Directory directory;
  private final Notices notices;
  private final Texts texts;
  private final ReportRendering rendering;
  private final EngineClock clock;

  RemindPostmortemOwner(PostmortemRecords records, Incidents incidents, Directory directory, Notices notices,
      Texts texts, ReportRendering rendering, EngineClock clock) {
    this.records = records;
    this.incidents = incidents;
    this.directory = directory;
    this.notices = notices;
    this.texts = texts;
    this.rendering = rendering;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    PostmortemRecords.PostmortemRecord record = records.find(key).orElse(null);
    if (record == null || record.publishedAt() != null || !records.reminded(key, clock.now())) {
      return;
    }
    IncidentRecord incident = incidents.require(key);
    String owner = record.owner() == null ? "—" : record.owner();
    String due = rendering.time(record.dueAt());
    incidents.note(key, null, TimelineEntry.Kind.POSTMORTEM, incidents.words().get("postmortem.overdue", owner, due),
        Map.of("owner", owner, "dueAt", record.dueAt().toString()));
    if (record.owner() == null) {
      return;
    }
    directory.person(record.owner()).ifPresent(person -> notices.emailPeople(key, List.of(person),
        texts.get("postmortem.overdue.subject", key, incident.title()),
        texts.get("postmortem.overdue.body", person.name(), key, incident.title(), due)));
  }
}
