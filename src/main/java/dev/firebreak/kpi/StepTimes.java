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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
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
  private final RepositoryService repository;
  private final KpiFigures figures;
  private final Timer snapshotTimer;

  StepTimes(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, Incidents incidents, @Lazy RepositoryService repository,
      KpiFigures figures, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.incidents = incidents;
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

  /**
   * The finished steps of the process instance and of every process it called, at any depth: one
   * query over the engine's history (activities of the instance's root, each with its process, the
   * definition's version, the task's assignee and when it was first assigned), the call tree then
   * walked in memory (a drill's incident is called by the drill: only the incident's own subtree).
   */
  List<Step> fromHistory(String processInstanceId) {
    List<Step> steps = new ArrayList<>();
    if (processInstanceId == null) {
      return steps;
    }
    record Row(String instance, String parent, Step step, String definitionId) {
    }
    List<Row> rows = jdbc.sql("""
        SELECT a.PROC_INST_ID_ AS instance_id, p.SUPER_PROCESS_INSTANCE_ID_ AS parent_id, a.PROC_DEF_ID_ AS definition_id,
          a.PROC_DEF_KEY_ AS process_key, d.VERSION_ AS process_version, a.ACT_ID_ AS activity_id,
          a.ACT_NAME_ AS activity_name, a.ACT_TYPE_ AS activity_type, a.START_TIME_ AS started_at,
          a.END_TIME_ AS ended_at, COALESCE(t.ASSIGNEE_, a.ASSIGNEE_) AS assignee,
          (SELECT MIN(l.TIMESTAMP_) FROM ACT_HI_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'assignee'
            AND l.OPERATION_TYPE_ = 'add') AS claimed_at
        FROM ACT_HI_ACTINST a
          JOIN ACT_HI_PROCINST p ON p.ID_ = a.PROC_INST_ID_
          LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = a.PROC_DEF_ID_
          LEFT JOIN ACT_HI_TASKINST t ON t.ACT_INST_ID_ = a.ID_ AND t.END_TIME_ IS NOT NULL
        WHERE a.ROOT_PROC_INST_ID_ = (SELECT r.ROOT_PROC_INST_ID_ FROM ACT_HI_PROCINST r WHERE r.ID_ = :instance)
          AND a.END_TIME_ IS NOT NULL AND COALESCE(a.ACT_INST_STATE_, 0) <> 2
          AND a.ACT_TYPE_ IN (:types)
        ORDER BY a.START_TIME_, a.SEQUENCE_COUNTER_""")
        .param("instance", processInstanceId).param("types", KINDS.keySet())
        .query((rs, row) -> {
          Instant started = timestamp(rs, "started_at");
          Instant ended = timestamp(rs, "ended_at");
          Instant claimed = timestamp(rs, "claimed_at");
          Number version = (Number) rs.getObject("process_version");
          return new Row(rs.getString("instance_id"), rs.getString("parent_id"), new Step(rs.getString("process_key"),
              version == null ? 0 : version.intValue(), rs.getString("activity_id"), rs.getString("activity_name"),
              KINDS.get(rs.getString("activity_type")), started, claimed, ended, null, null,
              ended.toEpochMilli() - started.toEpochMilli(), rs.getString("assignee")), rs.getString("definition_id"));
        }).list();
    // the incident's instance and the instances below it
    Map<String, String> parents = new HashMap<>();
    rows.forEach(r -> parents.put(r.instance(), r.parent()));
    Map<String, BpmnModelInstance> models = new HashMap<>();
    for (Row row : rows) {
      if (!below(row.instance(), processInstanceId, parents)) {
        continue;
      }
      Step s = row.step();
      if (!USER_TASK.equals(s.kind())) {
        steps.add(new Step(s.processKey(), s.processVersion(), s.activityId(), s.activityName(), s.kind(),
            s.startedAt(), null, s.endedAt(), null, null, s.durationMs(), s.assignee()));
        continue;
      }
      String kind = isApproval(models, row.definitionId(), s.activityId()) ? APPROVAL : USER_TASK;
      Instant claimed = s.claimedAt();
      if (claimed != null && claimed.isBefore(s.startedAt())) {
        claimed = s.startedAt();
      }
      if (claimed != null && claimed.isAfter(s.endedAt())) {
        claimed = s.endedAt();
      }
      long duration = s.durationMs();
      Long waitMs = claimed == null ? duration : claimed.toEpochMilli() - s.startedAt().toEpochMilli();
      Long workMs = claimed == null ? null : s.endedAt().toEpochMilli() - claimed.toEpochMilli();
      steps.add(new Step(s.processKey(), s.processVersion(), s.activityId(), s.activityName(), kind, s.startedAt(),
          claimed, s.endedAt(), waitMs, workMs, duration, s.assignee()));
    }
    return steps;
  }

  /** Whether the process instance is the given one or called by it, at any depth. */
  private static boolean below(String instance, String top, Map<String, String> parents) {
    String current = instance;
    for (int depth = 0; current != null && depth < 64; depth++) {
      if (current.equals(top)) {
        return true;
      }
      current = parents.get(current);
    }
    return false;
  }

  private static Instant timestamp(ResultSet rs, String column) throws SQLException {
    java.sql.Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  /** An approval: a user task for incident managers only (as platform's ApprovalGuard sees it). */
  private boolean isApproval(Map<String, BpmnModelInstance> models, String definitionId, String activityId) {
    BpmnModelInstance model = definitionId == null ? null
        : models.computeIfAbsent(definitionId, repository::getBpmnModelInstance);
    if (model == null || !(model.getModelElementById(activityId) instanceof UserTask task)
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
