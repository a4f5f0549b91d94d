package dev.firebreak.audit;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.process.EngineAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * End listener of every business rule task, after the incident applied the decision: the decision
 * goes on the incident's timeline with its inputs, its outputs (from the engine's transient
 * variable {@value #RESULT_VARIABLE}) and the rule that decided it, summed up in words
 * ({@link DecisionSummaries}). It only records: the variables
 * and the incident record are the incident's ({@code applyDecision}). Tables use hit policy FIRST,
 * so the first result is the decision.
 */
@Component("recordDecision")
public class RecordDecision implements ExecutionListener {

  public static final String RESULT_VARIABLE = "decisionResult";

  private final Incidents incidents;
  private final RepositoryService repository;
  private final DecisionSummaries summaries;
  private final dev.firebreak.platform.i18n.ModelWords words;
  private final Map<String, String> ruleDescriptions = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> outputLabels = new ConcurrentHashMap<>();

  RecordDecision(Incidents incidents, @Lazy RepositoryService repository, DecisionSummaries summaries,
      dev.firebreak.platform.i18n.ModelWords words) {
    this.incidents = incidents;
    this.words = words;
    this.repository = repository;
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object raw = execution.getVariable(RESULT_VARIABLE);
    DmnDecisionResultEntries result = raw instanceof DmnDecisionResult decision ? decision.getFirstResult() : null;
    if (result == null) {
      throw new ProcessEngineException("Decision at '" + execution.getCurrentActivityId()
          + "' produced no result: every decision table needs a rule that always matches");
    }
    Map<String, Object> outputs = new LinkedHashMap<>(result.getEntryMap());
    DecisionCapture.Evaluation evaluation = DecisionCapture.take();
    String key = IncidentProcess.INCIDENT_KEY.get(execution);
    if (key != null) {
      incidents.note(key, null, TimelineEntry.Kind.DECISION,
          summary(execution, evaluation, outputs), details(evaluation, outputs));
    }
  }

  private String summary(DelegateExecution execution, DecisionCapture.Evaluation evaluation,
      Map<String, Object> outputs) {
    String name = execution.getCurrentActivityName() != null
        ? execution.getCurrentActivityName() : execution.getCurrentActivityId();
    String decisionKey = evaluation == null ? "" : evaluation.decisionKey();
    String rule = evaluation == null || evaluation.matchedRuleIds().isEmpty() ? null
        : words.rule(decisionKey, evaluation.matchedRuleIds().get(0), describe(evaluation, evaluation.matchedRuleIds().get(0)));
    return summaries.summary(decisionKey, name, rule, outputLabels(evaluation), outputs);
  }

  /** The table's output labels by output name ("statusUpdateCycle" → "Update every"), in the configured language. */
  private Map<String, String> outputLabels(DecisionCapture.Evaluation evaluation) {
    if (evaluation == null || evaluation.decisionDefinitionId() == null) {
      return Map.of();
    }
    return outputLabels.computeIfAbsent(evaluation.decisionDefinitionId(),
        id -> EngineAccess.withoutAuthorization(() -> {
          Map<String, String> labels = new LinkedHashMap<>();
          repository.getDmnModelInstance(id).getModelElementsByType(Output.class).forEach(output ->
              labels.put(output.getName(), words.output(evaluation.decisionKey(), output.getName(),
                  output.getLabel() == null ? output.getName() : output.getLabel())));
          return labels;
        }));
  }

  private Map<String, Object> details(DecisionCapture.Evaluation evaluation, Map<String, Object> outputs) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (evaluation != null) {
      details.put("decision", evaluation.decisionKey());
      details.put("inputs", evaluation.inputs());
      List<Map<String, String>> rules = evaluation.matchedRuleIds().stream()
          .map(id -> {
            Map<String, String> rule = new LinkedHashMap<>();
            rule.put("id", id);
            rule.put("description", describe(evaluation, id));
            return rule;
          }).toList();
      details.put("matchedRules", rules);
    }
    details.put("outputs", outputs);
    return details;
  }

  private String describe(DecisionCapture.Evaluation evaluation, String ruleId) {
    if (evaluation.decisionDefinitionId() == null) {
      return null;
    }
    return ruleDescriptions.computeIfAbsent(evaluation.decisionDefinitionId() + "#" + ruleId,
        cacheKey -> EngineAccess.withoutAuthorization(() -> {
          var model = repository.getDmnModelInstance(evaluation.decisionDefinitionId());
          Rule rule = model.getModelElementById(ruleId);
          Description description = rule == null ? null : rule.getDescription();
          return description == null ? "" : description.getTextContent().trim();
        }));
  }
}
