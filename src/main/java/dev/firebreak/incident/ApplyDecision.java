package dev.firebreak.incident;

import dev.firebreak.platform.i18n.ModelWords;
import dev.firebreak.platform.process.EngineAccess;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.springframework.context.annotation.Lazy;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of every business rule task of incident.bpmn: each output of the decision (the
 * engine leaves it in the transient variable {@value #RESULT_VARIABLE}) becomes a process variable
 * of the same name, and the incident record takes what was decided when the table decides one of its
 * fields ({@link IncidentSync#RECORD_FIELDS}: the severity). Tables use
 * hit policy FIRST, so the first result is the decision. The timeline entry is audit's
 * ({@code recordDecision}, the next listener). A text output (a reason) is kept in the configured
 * language: outside English, the Korean of the rule that output it ({@link ModelWords#decided}).
 */
@Component("applyDecision")
class ApplyDecision implements ExecutionListener {

  /** Where the engine keeps a business rule task's result; a result variable of this name is refused. */
  static final String RESULT_VARIABLE = "decisionResult";

  private final IncidentSync sync;
  private final ModelWords words;
  private final RepositoryService repository;
  private final Map<String, String> decisionDefinitions = new ConcurrentHashMap<>();

  ApplyDecision(IncidentSync sync, ModelWords words, @Lazy RepositoryService repository) {
    this.sync = sync;
    this.words = words;
    this.repository = repository;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, Object> outputs = inTheConfiguredLanguage(execution, outputs(execution));
    outputs.forEach(execution::setVariable);
    // a table that decides none of the record's fields (Plan notifications, Assess escalation, the
    // post-mortem policy) leaves the record as it is: no read and write of it per decision
    if (outputs.keySet().stream().anyMatch(IncidentSync.RECORD_FIELDS::contains)) {
      sync.sync(execution);
    }
  }

  private Map<String, Object> inTheConfiguredLanguage(DelegateExecution execution, Map<String, Object> outputs) {
    if (Locale.ENGLISH.getLanguage().equals(words.locale().getLanguage())
        || !(execution.getBpmnModelElementInstance() instanceof BusinessRuleTask task)
        || task.getCamundaDecisionRef() == null) {
      return outputs;
    }
    String definition = decisionDefinitions.computeIfAbsent(execution.getProcessDefinitionId() + "#" + task.getId(),
        cacheKey -> EngineAccess.withoutAuthorization(() -> {
          String deployment = repository.getProcessDefinition(execution.getProcessDefinitionId()).getDeploymentId();
          DecisionDefinition decision = repository.createDecisionDefinitionQuery().deploymentId(deployment)
              .decisionDefinitionKey(task.getCamundaDecisionRef()).singleResult();
          return decision == null ? "" : decision.getId();
        }));
    if (definition.isEmpty()) {
      return outputs;
    }
    Map<String, Object> translated = new LinkedHashMap<>();
    outputs.forEach((name, value) -> translated.put(name, words.decided(definition, name, value)));
    return translated;
  }

  private static Map<String, Object> outputs(DelegateExecution execution) {
    Object raw = execution.getVariable(RESULT_VARIABLE);
    DmnDecisionResultEntries result = raw instanceof DmnDecisionResult decision ? decision.getFirstResult() : null;
    if (result == null) {
      throw new ProcessEngineException("Decision at '" + execution.getCurrentActivityId()
          + "' produced no result: every decision table needs a rule that always matches");
    }
    return result.getEntryMap();
  }
}
