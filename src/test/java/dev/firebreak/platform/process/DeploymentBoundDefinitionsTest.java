package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A decision or called process bound to the deployment is the one of the caller's own deployment,
 * however many versions are deployed later, and a deleted deployment leaves nothing behind
 * ({@link DeploymentBoundDefinitions}: the ids are remembered per deployment and key).
 */
class DeploymentBoundDefinitionsTest extends ProcessTestSupport {

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void removeTheDeployments() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void eachInstanceEvaluatesTheDecisionOfItsOwnDeploymentAlsoAfterNewVersionsAndADeletion() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache())
        .isInstanceOf(DeploymentBoundDefinitions.RememberingDeploymentCache.class);
    Deployment first = deploy("first");
    assertThat(answerOf(latest())).isEqualTo("first");
    assertThat(answerOf(latest())).as("asked again: the same deployment's decision").isEqualTo("first");

    Deployment second = deploy("second");
    assertThat(answerOf(latest())).as("the new deployment's own decision").isEqualTo("second");
    assertThat(answerOf(definitionOf(first))).as("the first deployment still has its own").isEqualTo("first");
    assertThat(answerOf(definitionOf(second))).isEqualTo("second");

    engine.getRepositoryService().deleteDeployment(second.getId(), true);
    deployments.remove(second.getId());
    Deployment third = deploy("third");
    assertThat(answerOf(latest())).isEqualTo("third");
    assertThat(answerOf(definitionOf(first))).isEqualTo("first");
  }

  private Deployment deploy(String answer) {
    BpmnModelInstance process = Bpmn.createExecutableProcess("boundDecisionProbe").camundaHistoryTimeToLive(1)
        .startEvent().businessRuleTask("Decide").camundaDecisionRef("boundProbe").camundaDecisionRefBinding("deployment")
        .camundaResultVariable("answer").camundaMapDecisionResult("singleEntry").userTask("Wait").endEvent().done();
    RepositoryService repository = engine.getRepositoryService();
    Deployment deployment = repository.createDeployment().name("bound-probe-" + answer)
        .addModelInstance("bound-probe.bpmn", process)
        .addString("bound-probe.dmn", decision(answer)).deploy();
    deployments.add(deployment.getId());
    return deployment;
  }

  private String latest() {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("boundDecisionProbe")
        .latestVersion().singleResult().getId();
  }

  private String definitionOf(Deployment deployment) {
    ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .deploymentId(deployment.getId()).singleResult();
    return definition.getId();
  }

  private String answerOf(String definitionId) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceById(definitionId);
    return (String) engine.getRuntimeService().getVariable(instance.getId(), "answer");
  }

  private static String decision(String answer) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="boundProbeDefinitions"
            name="Bound probe" namespace="https://firebreak.dev/dmn">
          <decision id="boundProbe" name="Bound probe" camunda:historyTimeToLive="P1D">
            <decisionTable id="boundProbeTable">
              <input id="anything" label="Anything">
                <inputExpression id="anythingExpression" typeRef="string"><text>"x"</text></inputExpression>
              </input>
              <output id="answerOutput" name="answer" typeRef="string" />
              <rule id="always">
                <inputEntry id="anyValue"><text>-</text></inputEntry>
                <outputEntry id="theAnswer"><text>"%s"</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(answer);
  }
}
