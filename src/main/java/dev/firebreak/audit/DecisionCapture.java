package dev.firebreak.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedInput;

/**
 * Remembers the last decision table evaluated on this thread: its inputs and the rules that
 * matched. The business rule task's end listener reads it to put the "why" on the timeline.
 */
public class DecisionCapture implements DmnDecisionTableEvaluationListener {

  private static final ThreadLocal<Evaluation> LAST = new ThreadLocal<>();

  /** A decision table evaluation: definition id and key, inputs by label, matched rule ids. */
  public record Evaluation(String decisionDefinitionId, String decisionKey, Map<String, Object> inputs,
      List<String> matchedRuleIds) {
  }

  @Override
  public void notify(DmnDecisionTableEvaluationEvent event) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (DmnEvaluatedInput input : event.getInputs()) {
      String label = input.getName() != null ? input.getName() : input.getId();
      inputs.put(label, input.getValue() == null ? null : input.getValue().getValue());
    }
    List<String> rules = event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
    var decision = event.getDecision();
    String definitionId = decision instanceof org.camunda.bpm.engine.repository.DecisionDefinition definition
        ? definition.getId() : null;
    LAST.set(new Evaluation(definitionId, decision.getKey(), inputs, rules));
  }

  /** The last evaluation on this thread, cleared as it is taken. */
  public static Evaluation take() {
    Evaluation evaluation = LAST.get();
    LAST.remove();
    return evaluation;
  }
}
