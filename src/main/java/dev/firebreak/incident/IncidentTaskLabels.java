package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.INCIDENT_KEY;
import static dev.firebreak.incident.IncidentProcess.SEVERITY;

import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes Tasklist read like an incident list: every user task of an incident (in any of its
 * processes; {@link IncidentRecordPlugin} adds this create listener) is named
 * {@code [SEV1] INC-2026-0042 Triage incident — <title>}, gets the priority of its severity and, where
 * {@link TaskTargets} has a response target for it, a due date that long after its creation. When
 * the record's severity changes ({@link IncidentSeverityChanged}) the incident's open tasks follow.
 */
@Component("incidentTaskLabels")
class IncidentTaskLabels implements TaskListener {

  static final String DRILL_MARK = "[DRILL] ";

  private final Incidents incidents;
  private final TaskTargets targets;
  private final EngineClock clock;
  private final TaskService tasks;

  IncidentTaskLabels(Incidents incidents, TaskTargets targets, EngineClock clock, @Lazy TaskService tasks) {
    this.incidents = incidents;
    this.targets = targets;
    this.clock = clock;
    this.tasks = tasks;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = INCIDENT_KEY.get(task);
    Optional<IncidentRecord> record = key == null ? Optional.empty() : incidents.find(key);
    if (record.isEmpty()) {
      return;
    }
    Severity severity = record.get().severity() != null ? record.get().severity()
        : SEVERITY.get(task).orElse(null);
    FlowElement element = task.getBpmnModelElementInstance();
    String base = element != null && element.getName() != null ? element.getName() : task.getName();
    task.setName(name(base, record.get(), severity));
    targets.priorityOf(severity).ifPresent(task::setPriority);
    if (task.getDueDate() == null) {
      targets.dueAfter(task.getTaskDefinitionKey(), severity)
          .ifPresent(after -> task.setDueDate(Date.from(createdAt(task).plus(after))));
    }
  }

  /** The severity changed: the incident's open tasks (its own and its called processes') follow. */
  @EventListener
  void severityChanged(IncidentSeverityChanged change) {
    if (change.from() == null) {
      // the first severity (Assess severity) is decided before the incident has any user task: a
      // task query per incident start would find nothing
      return;
    }
    IncidentRecord record = incidents.require(change.key());
    EngineAccess.withoutAuthorization(() -> {
      for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(change.key()).list()) {
        String base = baseName(task, record);
        task.setName(name(base, record, change.to()));
        targets.priorityOf(change.to()).ifPresent(task::setPriority);
        Optional<Duration> due = targets.dueAfter(task.getTaskDefinitionKey(), change.to());
        if (due.isPresent() && task.getCreateTime() != null && ourDueDate(task, change.from())) {
          task.setDueDate(Date.from(task.getCreateTime().toInstant().plus(due.get())));
        }
        tasks.saveTask(task);
      }
      return null;
    });
  }

  private java.time.Instant createdAt(DelegateTask task) {
    return task.getCreateTime() != null ? task.getCreateTime().toInstant() : clock.now();
  }

  /** No due date, or the one the old severity's target gave it (not one the diagram drew). */
  private boolean ourDueDate(Task task, Severity before) {
    if (task.getDueDate() == null) {
      return true;
    }
    return targets.dueAfter(task.getTaskDefinitionKey(), before)
        .map(after -> task.getCreateTime().toInstant().plus(after).equals(task.getDueDate().toInstant()))
        .orElse(false);
  }

  static String name(String base, IncidentRecord record, Severity severity) {
    return (record.drill() ? DRILL_MARK : "") + (severity == null ? "" : "[" + severity.code() + "] ")
        + record.key() + " " + base + " — " + record.title();
  }

  /** The step's own name, from a name this class gave it. */
  private static String baseName(Task task, IncidentRecord record) {
    String name = task.getName() == null ? "" : task.getName();
    String marker = record.key() + " ";
    int start = name.indexOf(marker);
    String suffix = " — " + record.title();
    if (start < 0 || !name.endsWith(suffix)) {
      return name;
    }
    return name.substring(start + marker.length(), name.length() - suffix.length());
  }
}
