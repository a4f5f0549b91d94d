package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.platform.ProcessTestSupport;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Expressions reach only allowed beans, never the engine or reflection; scripts are refused. */
class ModelSandboxTest extends ProcessTestSupport {

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /** Evaluates an expression against a real execution, inside a command, as a diagram would. */
  private Object evaluate(String processInstanceId, String expression) {
    return configuration().getCommandExecutorTxRequired().execute(context -> {
      ExecutionEntity execution = context.getExecutionManager().findExecutionById(processInstanceId);
      return configuration().getExpressionManager().createExpression(expression).getValue(execution);
    });
  }

  @Test
  void engineServicesAndReflectionAreNotReachableFromAnExpression() {
    BpmnModelInstance waiting = Bpmn.createExecutableProcess("sandbox-wait").startEvent().userTask("Wait").endEvent().done();
    String deployment = engine.getRepositoryService().createDeployment().addModelInstance("sandbox-wait.bpmn", waiting)
        .deploy().getId();
    try {
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("sandbox-wait");
      long users = engine.getIdentityService().createUserQuery().count();

      assertThatThrownBy(() -> evaluate(instance.getId(),
          "${execution.getProcessEngineServices().getIdentityService().saveUser(execution.getProcessEngineServices().getIdentityService().newUser('mallory'))}"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("getProcessEngineServices");
      assertThatThrownBy(() -> evaluate(instance.getId(),
          "${execution.processEngineServices.identityService.newUser('mallory')}"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("processEngineServices");
      assertThatThrownBy(() -> evaluate(instance.getId(), "${execution.processEngine.identityService}"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("processEngine");
      assertThatThrownBy(() -> evaluate(instance.getId(),
          "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)}"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("getClass");
      assertThatThrownBy(() -> evaluate(instance.getId(), "${jdbcTemplate.update('DELETE FROM incident')}"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("jdbcTemplate");
      assertThatThrownBy(() -> evaluate(instance.getId(), "${identityService}"))
          .isInstanceOf(ProcessEngineException.class);
      assertThat(engine.getIdentityService().createUserQuery().userId("mallory").count()).isZero();
      assertThat(engine.getIdentityService().createUserQuery().count()).isEqualTo(users);

      assertThat(evaluate(instance.getId(), "${execution.processInstanceId}")).isEqualTo(instance.getId());
      assertThat(evaluate(instance.getId(), "${statusUpdates != null}")).isEqualTo(true);
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  @Test
  void scriptsAndSpelledEscapesAreRefusedAtDeployment() {
    BpmnModelInstance script = Bpmn.createExecutableProcess("sandbox-script").startEvent()
        .scriptTask("Hack").scriptFormat("javascript").scriptText("1 + 1").endEvent().done();
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment()
        .addModelInstance("sandbox-script.bpmn", script).deploy())
        .hasMessageContaining("script task 'Hack'").hasMessageContaining("firebreak.models.scripts-enabled");

    BpmnModelInstance escape = Bpmn.createExecutableProcess("sandbox-escape").startEvent()
        .serviceTask("Hack").camundaExpression("${execution.getProcessEngineServices().getIdentityService()}")
        .endEvent().done();
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment()
        .addModelInstance("sandbox-escape.bpmn", escape).deploy())
        .hasMessageContaining("getProcessEngineServices");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKeyIn("sandbox-script", "sandbox-escape").count()).isZero();
  }
}
