package dev.firebreak.audit;

import java.util.ArrayList;
import java.util.List;
import dev.firebreak.incident.Incidents;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Adds what every model gets without the process owner drawing it: the task completion record
 * on every user task, and the capture of decision table evaluations.
 */
@Component
class AuditPlugin extends AbstractProcessEnginePlugin {

  private final TaskListener recordTaskCompletion;
  private final Incidents incidents;

  AuditPlugin(@Lazy RecordTaskCompletion recordTaskCompletion, @Lazy Incidents incidents) {
    this.recordTaskCompletion = recordTaskCompletion;
    this.incidents = incidents;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new TaskCompletionParseListener(recordTaskCompletion));
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>();
    if (dmn.getCustomPostDecisionTableEvaluationListeners() != null) {
      listeners.addAll(dmn.getCustomPostDecisionTableEvaluationListeners());
    }
    listeners.add(new DecisionCapture());
    dmn.setCustomPostDecisionTableEvaluationListeners(listeners);
    List<IncidentHandler> handlers = new ArrayList<>();
    if (configuration.getCustomIncidentHandlers() != null) {
      handlers.addAll(configuration.getCustomIncidentHandlers());
    }
    handlers.add(new FailedJobTimeline(incidents));
    configuration.setCustomIncidentHandlers(handlers);
  }

  private static final class TaskCompletionParseListener extends AbstractBpmnParseListener implements BpmnParseListener {
    private final TaskListener listener;

    TaskCompletionParseListener(TaskListener listener) {
      this.listener = listener;
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
    }
  }
}
