package dev.firebreak.platform;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;

/** A table from dmn/ evaluated by the standalone DMN engine, reporting which rule matched. */
public final class DecisionTable {

  /** What the table decided and the number (1-based) of the rule that decided it. */
  public record Outcome(int rule, Map<String, Object> outputs) {
    public Object get(String output) {
      return outputs.get(output);
    }
  }

  private final DmnDecision decision;
  private final DmnEngine engine;
  private final List<String> ruleIds = new ArrayList<>();
  private final DmnModelInstance model;
  private final List<String> matched = new ArrayList<>();
  private final List<DmnEvaluatedDecisionRule> matchedRules = new ArrayList<>();

  public DecisionTable(String id) {
    DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration)
        DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.<DmnDecisionTableEvaluationListener>of(
        event -> {
          matchedRules.addAll(event.getMatchingRules());
          event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matched::add);
        }));
    engine = configuration.buildEngine();
    try (InputStream in = new FileInputStream("dmn/" + id + ".dmn")) {
      model = Dmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    decision = engine.parseDecision(id, model);
    model.getModelElementsByType(Rule.class).forEach(rule -> ruleIds.add(rule.getId()));
  }

  public Outcome evaluate(Object... namesAndValues) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    matched.clear();
    DmnDecisionResultEntries first = engine.evaluateDecision(decision, variables).getFirstResult();
    int rule = matched.isEmpty() ? 0 : ruleIds.indexOf(matched.get(0)) + 1;
    return new Outcome(rule, first == null ? Map.of() : first.getEntryMap());
  }

  /**
   * What a RULE ORDER table decided: for each output, the value of the first matching rule that gives
   * it one, and the number (1-based) of that rule.
   */
  public record Merged(Map<String, Object> outputs, Map<String, Integer> decidedBy) {
    public Object get(String output) {
      return outputs.get(output);
    }

    public int rule(String output) {
      return decidedBy.getOrDefault(output, 0);
    }
  }

  public Merged evaluateInRuleOrder(Object... namesAndValues) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    matched.clear();
    matchedRules.clear();
    engine.evaluateDecision(decision, variables);
    Map<String, Object> outputs = new java.util.LinkedHashMap<>();
    Map<String, Integer> decidedBy = new java.util.LinkedHashMap<>();
    for (DmnEvaluatedDecisionRule rule : matchedRules) {
      rule.getOutputEntries().values().forEach(output -> {
        Object value = output.getValue() == null ? null : output.getValue().getValue();
        if (value != null && !outputs.containsKey(output.getOutputName())) {
          outputs.put(output.getOutputName(), value);
          decidedBy.put(output.getOutputName(), ruleIds.indexOf(rule.getId()) + 1);
        }
      });
    }
    return new Merged(outputs, decidedBy);
  }

  public int ruleCount() {
    return ruleIds.size();
  }

  public List<String> ruleDescriptions() {
    return model.getModelElementsByType(Rule.class).stream()
        .map(rule -> rule.getDescription() == null ? "" : rule.getDescription().getTextContent().trim()).toList();
  }
}
