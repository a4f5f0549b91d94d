package dev.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every bean a model names (delegates, listeners, expression beans) exists in the application. */
class ModelBeansTest extends ProcessTestSupport {

  @Autowired
  ApplicationContext context;

  @Test
  void everyReferencedBeanExists() {
    assertThat(BpmnModels.referencedBeanNames()).isNotEmpty()
        .allSatisfy(name -> assertThat(context.containsBean(name)).as("bean '%s'", name).isTrue());
  }

  /** Expressions resolve only the allowed beans: every bean a model names must be one of them. */
  @Test
  void everyReferencedBeanIsAnAllowedModelBean() {
    var beans = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration()).getBeans();
    assertThat(BpmnModels.referencedBeanNames()).allSatisfy(name -> assertThat(beans.containsKey(name))
        .as("'%s' is a Firebreak delegate or listener, or marked @ModelBean", name).isTrue());
    assertThat(beans.containsKey("jdbcTemplate")).isFalse();
    assertThat(beans.containsKey("identityService")).isFalse();
    assertThat(beans.containsKey("dataSource")).isFalse();
    assertThat(beans.containsKey("processEngine")).isFalse();
  }

  @Autowired
  java.util.List<dev.firebreak.platform.process.ProcessContract> contracts;

  @Test
  void theApplicationKnowsTheWholeVariableContract() {
    assertThat(contracts).extracting(dev.firebreak.platform.process.ProcessContract::declaringClass)
        .as("ProcessContract beans (one per contract class, registered by its feature)")
        .containsExactlyInAnyOrderElementsOf(BpmnModels.CONTRACTS);
    assertThat(dev.firebreak.platform.process.ProcessContract.allNames(contracts))
        .isEqualTo(BpmnModels.contractVariableNames());
  }

  @Test
  void allModelsAreDeployedTogetherOnce() {
    var repository = engine.getRepositoryService();
    assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
        .extracting(d -> d.getKey()).containsExactlyInAnyOrder("incident", "recovery", "postmortem", "drill",
            "escalation",
            "action-item-follow-up", "transition-tracking-issue", "review-lifecycle-change", "auto-sync-follow-up",
            "approve-report-correction");
    assertThat(repository.createDecisionDefinitionQuery().latestVersion().list())
        .extracting(d -> d.getKey()).containsExactlyInAnyOrder("incident-severity", "escalation-level",
            "postmortem-policy", "notification-plan", "alert-classification");
    String deployment = repository.createProcessDefinitionQuery().processDefinitionKey("incident")
        .latestVersion().singleResult().getDeploymentId();
    assertThat(repository.getDeploymentResourceNames(deployment)).filteredOn(n -> n.endsWith(".form"))
        .hasSize(new java.io.File("forms").list((dir, name) -> name.endsWith(".form")).length);
  }
}
