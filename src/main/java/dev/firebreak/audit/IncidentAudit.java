package dev.firebreak.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStageReached;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.time.EngineClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The auditor's evidence of an incident: every task of its process instances and their called
 * processes (created, claimed, completed, by whom, the form values submitted), every decision (table,
 * version, inputs, outputs, matched rules with their descriptions), every approval or rejection with
 * its reason, every notification sent and every administrative change (Camunda's user operation log).
 * Assembled from the engine's history and the incident's timeline; archived in {@code incident_audit}
 * when the incident closes, and read from there once archived (the engine's history may be gone).
 * The only writer of {@code incident_audit}.
 */
@Service
public class IncidentAudit {

  private static final Logger log = LoggerFactory.getLogger(IncidentAudit.class);

  /** Form fields that say a task's yes or no (an approval), by suffix, and the reason fields beside them. */
  private static final List<String> DECISION_SUFFIXES = List.of("Decision");
  /** The answers of approvals: approve or reject; a public notice is published or held. */
  private static final Set<String> ANSWERS = Set.of("approve", "reject", "publish", "hold");
  private static final List<String> REASON_SUFFIXES = List.of("DecisionReason", "ReviewNotes", "Reason", "Notes");

  private final Incidents incidents;
  private final HistoryService history;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final ObjectMapper json;
  private final dev.firebreak.platform.i18n.ModelWords modelWords;

  IncidentAudit(Incidents incidents, @Lazy HistoryService history, @Lazy RepositoryService repository,
      @Lazy IdentityService identity, JdbcClient jdbc, EngineClock clock, ObjectMapper json,
      dev.firebreak.platform.i18n.ModelWords modelWords) {
    this.incidents = incidents;
    this.modelWords = modelWords;
    this.history = history;
    this.repository = repository;
    this.identity = identity;
    this.jdbc = jdbc;
    this.clock = clock;
    this.json = json;
  }

  /** The evidence: the archive if the incident has been archived, else assembled from live history. */
  public Map<String, Object> evidence(String key) {
    IncidentRecord incident = incidents.require(key);
    return archived(key).orElseGet(() -> assemble(incident));
  }

  /** The archived evidence, if any. */
  public Optional<Map<String, Object>> archived(String key) {
    return jdbc.sql("SELECT evidence FROM incident_audit WHERE incident_key = ?").param(key).query(String.class)
        .optional().map(this::read);
  }

  /** Archives (again) the incident's evidence as history has it now; returns what was archived. */
  public Map<String, Object> archive(String key) {
    IncidentRecord incident = incidents.require(key);
    Map<String, Object> evidence = assemble(incident);
    evidence.put("source", "archive");
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    evidence.put("archivedAt", now.toInstant().toString());
    String text = write(evidence);
    int tasks = ((List<?>) evidence.get("tasks")).size();
    int decisions = ((List<?>) evidence.get("decisions")).size();
    int updated = jdbc.sql("UPDATE incident_audit SET archived_at = ?, tasks = ?, decisions = ?, evidence = ? WHERE incident_key = ?")
        .params(now, tasks, decisions, text, key).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO incident_audit (incident_key, archived_at, tasks, decisions, evidence) VALUES (?, ?, ?, ?, ?)")
          .params(key, now, tasks, decisions, text).update();
    }
    return evidence;
  }

  /** When an incident closes (after its transaction committed), its evidence is archived. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onClosed(IncidentStageReached reached) {
    if (reached.status() != IncidentStatus.CLOSED) {
      return;
    }
    try {
      archive(reached.incidentKey());
    } catch (RuntimeException e) {
      // the close stands; the evidence is still read from live history until an archive succeeds
      log.warn("Could not archive the audit evidence of {}", reached.incidentKey(), e);
    }
  }

  /** The evidence as history and the timeline have it now. */
  Map<String, Object> assemble(IncidentRecord incident) {
    return unrestricted(() -> {
      List<TimelineEntry> timeline = incidents.timeline(incident.key());
      List<HistoricProcessInstance> instances = instances(incident);
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("incident", incidentFacts(incident));
      evidence.put("source", "history");
      evidence.put("processInstances", instances.stream().map(IncidentAudit::instance).toList());
      List<Map<String, Object>> tasks = tasks(instances, timeline);
      evidence.put("tasks", tasks);
      evidence.put("decisions", decisions(instances));
      evidence.put("approvals", approvals(tasks));
      evidence.put("notifications", timeline.stream()
          .filter(e -> TimelineEntry.Kind.NOTIFICATION.equals(e.kind())).map(IncidentAudit::entry).toList());
      evidence.put("administrativeChanges", administrativeChanges(instances, timeline));
      return evidence;
    });
  }

  private List<HistoricProcessInstance> instances(IncidentRecord incident) {
    Map<String, HistoricProcessInstance> byId = new LinkedHashMap<>();
    if (incident.processInstanceId() != null) {
      history.createHistoricProcessInstanceQuery().rootProcessInstanceId(incident.processInstanceId())
          .orderByProcessInstanceStartTime().asc().list().forEach(p -> byId.put(p.getId(), p));
    }
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(incident.key())
        .orderByProcessInstanceStartTime().asc().list().forEach(p -> {
          byId.putIfAbsent(p.getId(), p);
          history.createHistoricProcessInstanceQuery().rootProcessInstanceId(p.getId()).list()
              .forEach(c -> byId.putIfAbsent(c.getId(), c));
        });
    List<HistoricProcessInstance> list = new ArrayList<>(byId.values());
    list.sort(Comparator.comparing(HistoricProcessInstance::getStartTime));
    return list;
  }

  private List<Map<String, Object>> tasks(List<HistoricProcessInstance> instances, List<TimelineEntry> timeline) {
    // the form values are on the timeline's task entries (RecordTaskCompletion), in completion order
    Map<String, List<JsonNode>> answers = new HashMap<>();
    timeline.stream().filter(e -> TimelineEntry.Kind.TASK.equals(e.kind()) && e.details() != null)
        .forEach(e -> answers.computeIfAbsent(e.details().path("task").asText(), k -> new ArrayList<>())
            .add(e.details().path("answers")));
    List<HistoricTaskInstance> all = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      all.addAll(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).list());
    }
    all.sort(Comparator.comparing(HistoricTaskInstance::getStartTime).thenComparing(HistoricTaskInstance::getId));
    List<HistoricTaskInstance> completed = all.stream().filter(t -> t.getEndTime() != null && !"deleted".equals(t.getDeleteReason()))
        .sorted(Comparator.comparing(HistoricTaskInstance::getEndTime)).toList();
    Map<String, JsonNode> formValues = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (HistoricTaskInstance task : completed) {
      int n = seen.merge(task.getTaskDefinitionKey(), 1, Integer::sum) - 1;
      List<JsonNode> list = answers.getOrDefault(task.getTaskDefinitionKey(), List.of());
      if (n < list.size()) {
        formValues.put(task.getId(), list.get(n));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (HistoricTaskInstance task : all) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", task.getId());
      row.put("task", task.getTaskDefinitionKey());
      row.put("name", task.getName());
      row.put("processDefinitionKey", task.getProcessDefinitionKey());
      row.put("processInstanceId", task.getProcessInstanceId());
      row.put("candidateGroups", candidateGroups(task.getId()));
      row.put("createdAt", iso(task.getStartTime()));
      HistoricIdentityLinkLog claim = history.createHistoricIdentityLinkLogQuery().taskId(task.getId())
          .type("assignee").operationType("add").orderByTime().asc().list().stream().findFirst().orElse(null);
      row.put("claimedAt", claim == null ? null : iso(claim.getTime()));
      row.put("claimedBy", claim == null ? null : claim.getUserId());
      row.put("completedAt", iso(task.getEndTime()));
      row.put("completedBy", task.getEndTime() == null ? null : task.getAssignee());
      row.put("outcome", task.getEndTime() == null ? "open" : task.getDeleteReason());
      row.put("formValues", formValues.containsKey(task.getId()) ? json.convertValue(formValues.get(task.getId()), Map.class) : Map.of());
      rows.add(row);
    }
    return rows;
  }

  private List<String> candidateGroups(String taskId) {
    Set<String> groups = new LinkedHashSet<>();
    history.createHistoricIdentityLinkLogQuery().taskId(taskId).type("candidate").operationType("add").list()
        .forEach(l -> {
          if (l.getGroupId() != null) {
            groups.add(l.getGroupId());
          }
        });
    return List.copyOf(groups);
  }

  private List<Map<String, Object>> decisions(List<HistoricProcessInstance> instances) {
    List<HistoricDecisionInstance> all = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      all.addAll(history.createHistoricDecisionInstanceQuery().processInstanceId(instance.getId())
          .includeInputs().includeOutputs().list());
    }
    all.sort(Comparator.comparing(HistoricDecisionInstance::getEvaluationTime).thenComparing(HistoricDecisionInstance::getId));
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, DmnModelInstance> models = new HashMap<>();
    for (HistoricDecisionInstance d : all) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", d.getId());
      row.put("decisionKey", d.getDecisionDefinitionKey());
      row.put("decisionName", d.getDecisionDefinitionName());
      DecisionDefinition definition = repository.createDecisionDefinitionQuery()
          .decisionDefinitionId(d.getDecisionDefinitionId()).singleResult();
      row.put("decisionVersion", definition == null ? null : definition.getVersion());
      row.put("decisionDefinitionId", d.getDecisionDefinitionId());
      row.put("activity", d.getActivityId());
      row.put("processInstanceId", d.getProcessInstanceId());
      row.put("evaluatedAt", iso(d.getEvaluationTime()));
      Map<String, Object> inputs = new LinkedHashMap<>();
      d.getInputs().forEach(i -> inputs.put(i.getClauseName() != null ? i.getClauseName() : i.getClauseId(), i.getValue()));
      row.put("inputs", inputs);
      Map<String, Object> outputs = new LinkedHashMap<>();
      Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
      DmnModelInstance model = definition == null ? null : models.computeIfAbsent(definition.getId(),
          id -> repository.getDmnModelInstance(id));
      for (var o : d.getOutputs()) {
        if (o.getRuleOrder() == null || o.getRuleOrder() == 1 || outputs.isEmpty()) {
          outputs.putIfAbsent(o.getVariableName() != null ? o.getVariableName() : o.getClauseName(), o.getValue());
        }
        if (o.getRuleId() != null) {
          rules.computeIfAbsent(o.getRuleId(), id -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", id);
            rule.put("order", o.getRuleOrder());
            String annotation = ruleDescription(model, id);
            String described = annotation == null ? null : modelWords.rule(d.getDecisionDefinitionKey(), id, annotation);
            rule.put("description", described);
            if (described != null && !described.equals(annotation)) {
              rule.put("annotation", annotation); // the table's own words, as the process owner wrote them
            }
            return rule;
          });
        }
      }
      row.put("outputs", outputs);
      row.put("matchedRules", List.copyOf(rules.values()));
      rows.add(row);
    }
    return rows;
  }

  private static String ruleDescription(DmnModelInstance model, String ruleId) {
    if (model == null) {
      return null;
    }
    if (model.getModelElementById(ruleId) instanceof Rule rule && rule.getDescription() != null) {
      return rule.getDescription().getTextContent().trim();
    }
    return null;
  }

  private static List<Map<String, Object>> approvals(List<Map<String, Object>> tasks) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> task : tasks) {
      @SuppressWarnings("unchecked")
      Map<String, Object> values = (Map<String, Object>) task.get("formValues");
      for (Map.Entry<String, Object> field : values.entrySet()) {
        if (DECISION_SUFFIXES.stream().noneMatch(field.getKey()::endsWith) || field.getValue() == null) {
          continue;
        }
        String answer = String.valueOf(field.getValue());
        if (!ANSWERS.contains(answer)) {
          continue;
        }
        String stem = field.getKey().substring(0, field.getKey().length() - "Decision".length());
        Object reason = null;
        if ("hold".equals(answer) && values.get("holdReason") != null) {
          reason = values.get("holdReason");
        }
        for (String suffix : REASON_SUFFIXES) {
          for (String name : List.of(field.getKey() + suffix.replace("Decision", ""), stem + suffix)) {
            if (reason == null && !name.equals(field.getKey()) && values.get(name) != null) {
              reason = values.get(name);
            }
          }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("task", task.get("task"));
        row.put("name", task.get("name"));
        row.put("decision", answer);
        row.put("reason", reason);
        row.put("by", task.get("completedBy"));
        row.put("at", task.get("completedAt"));
        rows.add(row);
      }
    }
    return rows;
  }

  private List<Map<String, Object>> administrativeChanges(List<HistoricProcessInstance> instances,
      List<TimelineEntry> timeline) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> operations = new LinkedHashSet<>();
    for (HistoricProcessInstance instance : instances) {
      for (UserOperationLogEntry entry : history.createUserOperationLogQuery().processInstanceId(instance.getId())
          .orderByTimestamp().asc().list()) {
        if (!ImpactfulOperations.IMPACTFUL.contains(entry.getOperationType())) {
          continue;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("source", "user-operation-log");
        row.put("at", iso(entry.getTimestamp()));
        row.put("by", entry.getUserId());
        row.put("operation", entry.getOperationType());
        row.put("entity", entry.getEntityType());
        row.put("processInstanceId", entry.getProcessInstanceId());
        row.put("processDefinitionKey", entry.getProcessDefinitionKey());
        row.put("property", entry.getProperty());
        row.put("from", entry.getOrgValue());
        row.put("to", entry.getNewValue());
        row.put("operationId", entry.getOperationId());
        row.put("summary", null);
        operations.add(entry.getOperationId());
        rows.add(row);
      }
    }
    // what the log cannot tie to the instances any more (their history deleted) is on the timeline
    for (TimelineEntry e : timeline) {
      if (!TimelineEntry.Kind.OPERATION.equals(e.kind())) {
        continue;
      }
      Map<String, Object> row = entry(e);
      row.put("source", "timeline");
      row.put("operation", e.details() == null ? null : e.details().path("operation").asText(null));
      row.put("entity", e.details() == null ? null : e.details().path("entity").asText(null));
      row.put("processInstanceId", e.details() == null ? null : e.details().path("processInstanceId").asText(null));
      rows.add(row);
    }
    rows.sort(Comparator.comparing(r -> String.valueOf(r.get("at"))));
    return rows;
  }

  private static Map<String, Object> incidentFacts(IncidentRecord incident) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("key", incident.key());
    facts.put("title", incident.title());
    facts.put("service", incident.service());
    facts.put("severity", incident.severity() == null ? null : incident.severity().code());
    facts.put("status", incident.status().code());
    facts.put("commander", incident.commander());
    facts.put("declaredBy", incident.declaredBy());
    facts.put("processInstanceId", incident.processInstanceId());
    facts.put("declaredAt", str(incident.declaredAt()));
    facts.put("closedAt", str(incident.closedAt()));
    return facts;
  }

  private static Map<String, Object> instance(HistoricProcessInstance p) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", p.getId());
    row.put("processDefinitionKey", p.getProcessDefinitionKey());
    row.put("processDefinitionVersion", p.getProcessDefinitionVersion());
    row.put("superProcessInstanceId", p.getSuperProcessInstanceId());
    row.put("startedAt", iso(p.getStartTime()));
    row.put("endedAt", iso(p.getEndTime()));
    row.put("state", p.getState());
    return row;
  }

  private static Map<String, Object> entry(TimelineEntry e) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("at", str(e.occurredAt()));
    row.put("by", e.actor());
    row.put("summary", e.summary());
    row.put("details", e.details());
    return row;
  }

  /** Runs the queries as the system: the API checked the caller's role (auditors hold no READ on every log). */
  private <T> T unrestricted(Supplier<T> work) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  private static String iso(Date date) {
    return date == null ? null : date.toInstant().toString();
  }

  private static String str(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private String write(Map<String, Object> evidence) {
    try {
      return json.writeValueAsString(evidence);
    } catch (Exception e) {
      throw new IllegalStateException("The audit evidence cannot be written as JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> read(String text) {
    try {
      return json.readValue(text, LinkedHashMap.class);
    } catch (Exception e) {
      throw new IllegalStateException("Unreadable archived audit evidence", e);
    }
  }
}
