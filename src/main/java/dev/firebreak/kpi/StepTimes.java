package dev.firebreak.kpi;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStageReached;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.Incidents;
import dev.firebreak.kpi.KpiReport.Stats;
import dev.firebreak.platform.identity.Groups;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Time in each lifecycle step (docs/kpis.md): when an incident closes, the finished user tasks,
 * service tasks, decisions and called processes of its process instance and every process it called
 * are copied from the engine's history into {@code incident_step}, which outlives the history's
 * time to live. Read per incident and aggregated per step.
 */
@Service
public class StepTimes {

  public static final String USER_TASK = "user-task";
  public static final String APPROVAL = "approval";
  public static final String SERVICE_TASK = "service-task";
  public static final String DECISION = "decision";
  public static final String CALL_ACTIVITY = "call-activity";
  private static final Map<String, String> KINDS = Map.of("userTask", USER_TASK, "serviceTask", SERVICE_TASK,
      "sendTask", SERVICE_TASK, "businessRuleTask", DECISION, "callActivity", CALL_ACTIVITY);
  private static final Logger log = LoggerFactory.getLogger(StepTimes.class);

  /** One step of one incident; wait and work for user tasks and approvals, duration for all (ms). */
  public record Step(String processKey, int processVersion, String activityId, String activityName, String kind,
      Instant startedAt, Instant claimedAt, Instant endedAt, Long waitMs, Long workMs, long durationMs,
      String assignee) {
  }

  /** A step aggregated over the counted incidents of a query: wait, work and duration in seconds. */
  public record StepFigure(String processKey, String activityId, String name, String kind, long n, Stats waiting,
      Stats working, Stats duration, String summary) {
  }

  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.JdbcTemplate batch;
  private final Incidents incidents;
  private final HistoryService history;
  private final RepositoryService repository;
  private final KpiFigures figures;
  private final Timer snapshotTimer;

  StepTimes(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, Incidents incidents, @Lazy HistoryService history, @Lazy RepositoryService repository,
      KpiFigures figures, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.incidents = incidents;
    this.history = history;
    this.repository = repository;
    this.figures = figures;
    this.snapshotTimer = Timer.builder("firebreak.kpi.step.snapshot")
        .description("Time to copy a closed incident's step times from the engine's history").register(meters);
  }

  /**
   * After the transaction that closed the incident commits (so the history of that very transaction
   * is in the database), in a transaction of its own.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void onClosed(IncidentStageReached reached) {
    if (reached.status() != IncidentStatus.CLOSED) {
      return;
    }
    try {
      snapshot(reached.incidentKey());
    } catch (RuntimeException e) {
      // the incident is closed either way; GET /api/incidents/{key}/steps tries again while the history lives
      log.warn("Could not save the step times of {}", reached.incidentKey(), e);
    }
  }

  /** Copies the incident's finished steps from the history (replacing an earlier copy); returns how many. */
  @Transactional
  public int snapshot(String key) {
    return snapshotTimer.record(() -> {
      IncidentRecord incident = incidents.require(key);
      List<Step> steps = fromHistory(incident.processInstanceId());
      jdbc.sql("DELETE FROM incident_step WHERE incident_key = ?").param(key).update();
      // one batch: a round trip per step would be most of the snapshot's time
      batch.batchUpdate("""
          INSERT INTO incident_step (incident_key, process_key, process_version, activity_id, activity_name,
            step_kind, started_at, claimed_at, ended_at, wait_ms, work_ms, duration_ms, assignee)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", steps.stream().map(s -> new Object[] {key, s.processKey(),
          s.processVersion(), s.activityId(), s.activityName(), s.kind(), KpiFigures.utc(s.startedAt()),
          s.claimedAt() == null ? null : KpiFigures.utc(s.claimedAt()), KpiFigures.utc(s.endedAt()), s.waitMs(),
          s.workMs(), s.durationMs(), s.assignee()}).toList());
      return steps.size();
    });
  }

  /** The saved steps of an incident in the order they started; copied first if it is closed and has none yet. */
  @Transactional
  public List<Step> of(String key) {
    IncidentRecord incident = incidents.require(key);
    List<Step> steps = saved(key);
    if (steps.isEmpty() && incident.status() == IncidentStatus.CLOSED && incident.processInstanceId() != null) {
      snapshot(key);
      steps = saved(key);
    }
    return steps;
  }

  private List<Step> saved(String key) {
    return jdbc.sql("SELECT * FROM incident_step WHERE incident_key = ? ORDER BY started_at, id").param(key)
        .query(StepTimes::step).list();
  }

  /** Every step of the query's counted incidents, per process and activity. */
  public List<StepFigure> aggregate(KpiQuery query, Locale locale) {
    KpiFigures.Sql sql = new KpiFigures.Sql();
    String where = figures.counted(query, sql);
    return jdbc.sql("""
        SELECT s.process_key, s.activity_id, MAX(s.activity_name) AS name, MAX(s.step_kind) AS kind, COUNT(*) AS n,
          COUNT(s.wait_ms) AS wait_n, AVG(s.wait_ms) AS wait_mean,
          PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.wait_ms) AS wait_p50,
          PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.wait_ms) AS wait_p90,
          COUNT(s.work_ms) AS work_n, AVG(s.work_ms) AS work_mean,
          PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.work_ms) AS work_p50,
          PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.work_ms) AS work_p90,
          COUNT(s.duration_ms) AS duration_n, AVG(s.duration_ms) AS duration_mean,
          PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.duration_ms) AS duration_p50,
          PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.duration_ms) AS duration_p90
        FROM incident_step s JOIN incident i ON i.incident_key = s.incident_key
        WHERE %s
        GROUP BY s.process_key, s.activity_id
        ORDER BY s.process_key, s.activity_id""".formatted(where))
        .params(sql.params)
        .query((rs, row) -> figure(rs, locale)).list();
  }

  private StepFigure figure(ResultSet rs, Locale locale) throws SQLException {
    Stats waiting = seconds(rs, "wait", locale);
    Stats working = seconds(rs, "work", locale);
    Stats duration = seconds(rs, "duration", locale);
    String kind = rs.getString("kind");
    String name = rs.getString("name") != null ? rs.getString("name") : rs.getString("activity_id");
    boolean person = USER_TASK.equals(kind) || APPROVAL.equals(kind);
    Stats headline = person ? waiting : duration;
    var texts = figures.texts();
    String summary = headline.median() == null ? null : texts.get(locale, "kpi.step.summary",
        texts.get(locale, person ? "kpi.step.wait" : "kpi.step.duration"), name, headline.medianText(), headline.n());
    return new StepFigure(rs.getString("process_key"), rs.getString("activity_id"), name, kind, rs.getLong("n"),
        waiting, working, duration, summary);
  }

  private Stats seconds(ResultSet rs, String prefix, Locale locale) throws SQLException {
    return figures.stats(rs.getLong(prefix + "_n"), ms(rs, prefix + "_mean"), ms(rs, prefix + "_p50"),
        ms(rs, prefix + "_p90"), locale);
  }

  private static Double ms(ResultSet rs, String column) throws SQLException {
    Double value = KpiFigures.number(rs, column);
    return value == null ? null : value / 1000.0;
  }

  /** The finished steps of the process instance and of every process it called, at any depth. */
  List<Step> fromHistory(String processInstanceId) {
    List<Step> steps = new ArrayList<>();
    if (processInstanceId == null) {
      return steps;
    }
    Map<String, BpmnModelInstance> models = new HashMap<>();
    Deque<HistoricProcessInstance> instances = new ArrayDeque<>();
    HistoricProcessInstance root = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult();
    if (root == null) {
      return steps;
    }
    instances.add(root);
    while (!instances.isEmpty()) {
      HistoricProcessInstance instance = instances.poll();
      instances.addAll(history.createHistoricProcessInstanceQuery().superProcessInstanceId(instance.getId()).list());
      Map<String, HistoricTaskInstance> tasks = new HashMap<>();
      for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
          .finished().list()) {
        tasks.put(task.getActivityInstanceId(), task);
      }
      for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId()).finished().list()) {
        String kind = KINDS.get(activity.getActivityType());
        if (kind == null || activity.getEndTime() == null || activity.isCanceled()) {
          continue;
        }
        Instant started = activity.getStartTime().toInstant();
        Instant ended = activity.getEndTime().toInstant();
        long duration = ended.toEpochMilli() - started.toEpochMilli();
        Instant claimed = null;
        Long waitMs = null;
        Long workMs = null;
        String assignee = null;
        if (USER_TASK.equals(kind)) {
          if (isApproval(models, activity)) {
            kind = APPROVAL;
          }
          HistoricTaskInstance task = tasks.get(activity.getId());
          assignee = task == null ? activity.getAssignee() : task.getAssignee();
          claimed = task == null ? null : claimed(task.getId());
          if (claimed != null && claimed.isBefore(started)) {
            claimed = started;
          }
          if (claimed != null && claimed.isAfter(ended)) {
            claimed = ended;
          }
          waitMs = claimed == null ? duration : claimed.toEpochMilli() - started.toEpochMilli();
          workMs = claimed == null ? null : ended.toEpochMilli() - claimed.toEpochMilli();
        }
        steps.add(new Step(instance.getProcessDefinitionKey(), instance.getProcessDefinitionVersion() == null ? 0
            : instance.getProcessDefinitionVersion(), activity.getActivityId(), activity.getActivityName(), kind,
            started, claimed, ended, waitMs, workMs, duration, assignee));
      }
    }
    steps.sort(java.util.Comparator.comparing(Step::startedAt));
    return steps;
  }

  /** When the task first got an assignee (claimed, or assigned), from the identity link history. */
  private Instant claimed(String taskId) {
    List<HistoricIdentityLinkLog> links = history.createHistoricIdentityLinkLogQuery().taskId(taskId)
        .type("assignee").operationType("add").orderByTime().asc().listPage(0, 1);
    return links.isEmpty() ? null : links.get(0).getTime().toInstant();
  }

  /** An approval: a user task for incident managers only (as platform's ApprovalGuard sees it). */
  private boolean isApproval(Map<String, BpmnModelInstance> models, HistoricActivityInstance activity) {
    BpmnModelInstance model = models.computeIfAbsent(activity.getProcessDefinitionId(), repository::getBpmnModelInstance);
    if (model == null || !(model.getModelElementById(activity.getActivityId()) instanceof UserTask task)
        || task.getCamundaCandidateGroups() == null) {
      return false;
    }
    return Set.copyOf(Arrays.stream(task.getCamundaCandidateGroups().split(",")).map(String::trim).toList())
        .equals(Set.of(Groups.INCIDENT_MANAGERS));
  }

  private static Step step(ResultSet rs, int row) throws SQLException {
    return new Step(rs.getString("process_key"), rs.getInt("process_version"), rs.getString("activity_id"),
        rs.getString("activity_name"), rs.getString("step_kind"), instant(rs, "started_at"), instant(rs, "claimed_at"),
        instant(rs, "ended_at"), (Long) rs.getObject("wait_ms", Long.class), rs.getObject("work_ms", Long.class),
        rs.getLong("duration_ms"), rs.getString("assignee"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
