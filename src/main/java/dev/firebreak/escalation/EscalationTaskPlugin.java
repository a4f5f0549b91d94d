package dev.firebreak.escalation;

import dev.firebreak.platform.process.EveryUserTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** What escalation's user tasks get without the diagram drawing it: the people an approval would page. */
@Component
class EscalationTaskPlugin extends AbstractProcessEnginePlugin {

  private final TaskListener contacts;

  EscalationTaskPlugin(@Lazy @Qualifier("escalationContacts") TaskListener contacts) {
    this.contacts = contacts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.onCreate(configuration, contacts);
  }
}
