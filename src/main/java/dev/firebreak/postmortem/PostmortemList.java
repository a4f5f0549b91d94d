package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.time.EngineClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The post-mortem list (/postmortems): each post-mortem with its status, its incident's severity and
 * service, owner, due time, action items done of total, overdue marked.
 */
@Service
class PostmortemList {

  /** Where a post-mortem stands: at one of its tasks, published with items open, or done. */
  enum Status { SCHEDULING, WRITING, APPROVAL, FOLLOW_UP, DONE, PUBLISHED;
    String code() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** A line of the list. */
  record Line(String incidentKey, String title, String status, String severity, String service, String owner,
      Instant dueAt, Instant publishedAt, int itemsDone, int itemsTotal, boolean overdue, List<Postmortems.ActionItem> items) {
  }

  private final PostmortemRecords records;
  private final Postmortems postmortems;
  private final Incidents incidents;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final EngineClock clock;

  PostmortemList(PostmortemRecords records, Postmortems postmortems, Incidents incidents, @Lazy TaskService tasks,
      @Lazy RuntimeService runtime, EngineClock clock) {
    this.records = records;
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.tasks = tasks;
    this.runtime = runtime;
    this.clock = clock;
  }

  List<Line> lines() {
    Map<String, String> businessKeys = runtime.createProcessInstanceQuery().processDefinitionKey(PostmortemProcess.ID)
        .list().stream().collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey, (a, b) -> a));
    Map<String, String> taskOf = new java.util.HashMap<>();
    tasks.createTaskQuery().processDefinitionKey(PostmortemProcess.ID).list().forEach(task -> {
      String key = businessKeys.get(task.getProcessInstanceId());
      if (key != null) {
        taskOf.put(key, task.getTaskDefinitionKey());
      }
    });
    Instant now = clock.now();
    return records.all().stream().map(record -> {
      IncidentRecord incident = incidents.require(record.incidentKey());
      List<Postmortems.ActionItem> items = postmortems.actionItems(record.incidentKey());
      int done = (int) items.stream().filter(item -> Postmortems.DONE.equals(item.status())).count();
      Status status;
      if (record.publishedAt() != null) {
        status = done == items.size() ? Status.DONE : Status.FOLLOW_UP;
      } else {
        String task = taskOf.get(record.incidentKey());
        status = PostmortemProcess.Elements.WRITE_POSTMORTEM.equals(task) ? Status.WRITING
            : PostmortemProcess.Elements.APPROVE_POSTMORTEM.equals(task) ? Status.APPROVAL : Status.SCHEDULING;
      }
      return new Line(record.incidentKey(), incident.title(), status.code(),
          incident.severity() == null ? null : incident.severity().code(), incident.service(), record.owner(),
          record.dueAt(), record.publishedAt(), done, items.size(), record.overdue(now), items);
    }).toList();
  }
}
