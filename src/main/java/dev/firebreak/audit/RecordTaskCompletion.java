package dev.firebreak.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentSync;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.process.EngineAccess;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Complete listener on every user task (added by {@link AuditPlugin}): puts who completed which
 * task with what answers on the incident's timeline, and refuses approvals by anyone outside
 * incident-managers even if an authorization was granted by mistake.
 */
@Component("recordTaskCompletion")
public class RecordTaskCompletion implements TaskListener {

  private static final Set<String> DECISION_SUFFIXES = Set.of("Decision", "Outcome", "Restored",
      "Verified", "Consistent", "Postmortem");

  private final Incidents incidents;
  private final IncidentSync sync;
  private final FormFields formFields;
  private final RepositoryService repository;
  private final ObjectMapper json;

  RecordTaskCompletion(Incidents incidents, IncidentSync sync, FormFields formFields,
      @Lazy RepositoryService repository, ObjectMapper json) {
    this.incidents = incidents;
    this.sync = sync;
    this.formFields = formFields;
    this.repository = repository;
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    UserTask element = task.getBpmnModelElementInstance();
    guardApproval(task, element);
    String key = incidentKey(task);
    if (key == null || incidents.find(key).isEmpty()) {
      return;
    }
    String actor = actor(task);
    Map<String, Object> values = answers(task, element);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", task.getTaskDefinitionKey());
    details.put("answers", values);
    incidents.note(key, actor, TimelineEntry.Kind.TASK, summary(task, actor, values), details);
    sync.sync(task.getExecution());
  }

  private void guardApproval(DelegateTask task, UserTask element) {
    if (element == null || element.getCamundaCandidateGroups() == null) {
      return;
    }
    List<String> groups = Arrays.stream(element.getCamundaCandidateGroups().split(","))
        .map(String::trim).toList();
    if (!groups.equals(List.of(Groups.INCIDENT_MANAGERS))) {
      return;
    }
    Authentication authentication = Context.getCommandContext().getAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return;
    }
    List<String> userGroups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    if (!userGroups.contains(Groups.INCIDENT_MANAGERS)) {
      throw new AuthorizationException(authentication.getUserId(), Permissions.TASK_WORK.getName(),
          Resources.TASK.resourceName(), task.getId());
    }
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

  private static String summary(DelegateTask task, String actor, Map<String, Object> values) {
    String decisions = values.entrySet().stream()
        .filter(e -> e.getValue() != null && !(e.getValue() instanceof Boolean))
        .filter(e -> DECISION_SUFFIXES.stream().anyMatch(e.getKey()::endsWith)
            || e.getKey().equals("recoveryStrategy") || e.getKey().equals("statusPhase"))
        .map(e -> e.getKey() + ": " + e.getValue())
        .reduce((a, b) -> a + ", " + b).orElse("");
    return task.getName() + " — completed by " + (actor == null ? "system" : actor)
        + (decisions.isEmpty() ? "" : " (" + decisions + ")");
  }
}
