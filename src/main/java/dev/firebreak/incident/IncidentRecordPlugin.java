package dev.firebreak.incident;

import dev.firebreak.platform.process.EveryUserTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What every user task gets without the process owner drawing it: when it is created, the incident's
 * key, severity and title in its name, its priority and due date ({@link IncidentTaskLabels}); when it
 * completes, the incident record takes the classification the answers left in the process
 * ({@link IncidentSync}).
 */
@Component
class IncidentRecordPlugin extends AbstractProcessEnginePlugin {

  private final TaskListener sync;
  private final TaskListener labels;

  IncidentRecordPlugin(@Lazy @Qualifier("incidentSync") TaskListener sync,
      @Lazy @Qualifier("incidentTaskLabels") TaskListener labels) {
    this.sync = sync;
    this.labels = labels;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.onComplete(configuration, sync);
    EveryUserTask.onCreate(configuration, labels);
  }
}
