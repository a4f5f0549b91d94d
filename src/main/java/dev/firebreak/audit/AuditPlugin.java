package dev.firebreak.audit;

import java.util.ArrayList;
import java.util.List;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.process.EveryUserTask;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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
    EveryUserTask.onComplete(configuration, recordTaskCompletion);
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
}
