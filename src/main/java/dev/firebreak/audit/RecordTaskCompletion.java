package dev.firebreak.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.i18n.ModelWords;
import dev.firebreak.platform.i18n.TimelineWords;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.process.EngineAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Complete listener on every user task (added by {@link AuditPlugin}): puts who completed which
 * task with what answers on the incident's timeline. It only records (approvals are guarded by
 * platform's ApprovalGuard, the record kept current by the incident).
 */
@Component("recordTaskCompletion")
public class RecordTaskCompletion implements TaskListener {

  private static final Set<String> DECISION_SUFFIXES = Set.of("Decision", "Outcome", "Restored",
      "Verified", "Consistent", "Postmortem");

  private final Incidents incidents;
  private final FormFields formFields;
  private final RepositoryService repository;
  private final ObjectMapper json;
  private final ModelWords modelWords;

  RecordTaskCompletion(Incidents incidents, FormFields formFields,
      @Lazy RepositoryService repository, ObjectMapper json, ModelWords modelWords) {
    this.incidents = incidents;
    this.modelWords = modelWords;
    this.formFields = formFields;
    this.repository = repository;
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    UserTask element = task.getBpmnModelElementInstance();
    String key = incidentKey(task);
    if (key == null || incidents.find(key).isEmpty()) {
      return;
    }
    String actor = actor(task);
    Map<String, Object> values = answers(task, element);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", task.getTaskDefinitionKey());
    details.put("answers", values);
    incidents.note(key, actor, TimelineEntry.Kind.TASK, summary(incidents.words(), modelWords.step(task.getTaskDefinitionKey(), stepName(task, element)), actor, values), details);
  }

  private static String incidentKey(DelegateTask task) {
    String key = IncidentProcess.INCIDENT_KEY.get(task);
    if (key == null) {
      Object drillKey = task.getVariable("drillIncidentKey");
      key = drillKey == null ? null : drillKey.toString();
    }
    return key;
  }

  private static String actor(DelegateTask task) {
    String user = EngineAccess.currentUser();
    return user != null ? user : task.getAssignee();
  }

  private Map<String, Object> answers(DelegateTask task, UserTask element) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (element == null || element.getCamundaFormRef() == null) {
      return values;
    }
    String deploymentId = EngineAccess.withoutAuthorization(
        () -> repository.getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId());
    for (String field : formFields.editableKeys(deploymentId, element.getCamundaFormRef())) {
      values.put(field, plain(task.getVariable(field)));
    }
    return values;
  }

  private Object plain(Object value) {
    if (value instanceof SpinJsonNode node) {
      try {
        return json.readTree(node.toString());
      } catch (Exception e) {
        return node.toString();
      }
    }
    return value;
  }

  /** The step's name in the diagram (the task's own name also carries the incident's key and title). */
  private static String stepName(DelegateTask task, UserTask element) {
    return element != null && element.getName() != null ? element.getName() : task.getName();
  }

  /** The answers a completion's entry names: the decisions a task asks for (its other answers are in the details). */
  static boolean shownOnTimeline(String field) {
    return DECISION_SUFFIXES.stream().anyMatch(field::endsWith) || field.equals("recoveryStrategy")
        || field.equals("statusPhase");
  }

  /**
   * "Triage incident — completed by manager (triageOutcome: acknowledge)"; in another language the step,
   * the fields and their chosen options in its words ({@link ModelWords}), the ids where a word is missing.
   */
  private String summary(TimelineWords words, String step, String actor, Map<String, Object> values) {
    String decisions = values.entrySet().stream()
        .filter(e -> e.getValue() != null && !(e.getValue() instanceof Boolean))
        .filter(e -> shownOnTimeline(e.getKey()))
        .map(e -> modelWords.field(e.getKey()).orElse(e.getKey()) + ": "
            + modelWords.option(e.getKey(), e.getValue()).orElse(String.valueOf(e.getValue())))
        .reduce((a, b) -> a + ", " + b).orElse("");
    String by = actor == null ? words.get("task.completed.system") : actor;
    return decisions.isEmpty() ? words.get("task.completed", step, by) : words.get("task.completed.decisions", step, by, decisions);
  }
}
