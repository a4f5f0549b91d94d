package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * The engine's executions, tasks and history rows are not republished as Spring events
 * ({@code camunda.bpm.eventing.*: false}): nothing listens to them, and each activity of every
 * incident start would publish two.
 */
class EngineEventingTest extends ProcessTestSupport {

  @Autowired
  private AbstractApplicationContext context;

  private String deployment;

  @AfterEach
  void removeTheProbe() {
    if (deployment != null) {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  @Test
  void aProcessRunsWithoutPublishingItsExecutionsTasksOrHistoryAsSpringEvents() {
    List<Object> published = new CopyOnWriteArrayList<>();
    ApplicationListener<PayloadApplicationEvent<?>> listener = event -> {
      Object payload = event.getPayload();
      if (payload instanceof DelegateExecution || payload instanceof DelegateTask || payload instanceof HistoryEvent) {
        published.add(payload);
      }
    };
    context.addApplicationListener(listener);
    try {
      deployment = engine.getRepositoryService().createDeployment().name("eventing-probe")
          .addModelInstance("eventing-probe.bpmn", Bpmn.createExecutableProcess("eventingProbe")
              .camundaHistoryTimeToLive(1).startEvent().serviceTask("Do").camundaExpression("${true}")
              .userTask("Wait").camundaCandidateGroups("responders").endEvent().done())
          .deploy().getId();
      engine.getRuntimeService().startProcessInstanceByKey("eventingProbe");
      assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey("Wait").count())
          .as("the process ran up to its task").isEqualTo(1);
      assertThat(published).as("engine events published as Spring events").isEmpty();
    } finally {
      context.removeApplicationListener(listener);
    }
  }
}
