package dev.firebreak.lifecycle;

import static dev.firebreak.lifecycle.LifecycleChangeProcess.*;

import dev.firebreak.platform.process.EngineAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Deploys the approved change (its own job; a retry finds the deployment and deploys nothing twice). */
@Component("deployLifecycleChange")
class DeployLifecycleChange implements JavaDelegate {

  private final LifecycleChanges changes;

  DeployLifecycleChange(LifecycleChanges changes) {
    this.changes = changes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = execution.getProcessBusinessKey();
    DEPLOYMENT_ID.set(execution, EngineAccess.withoutAuthorization(() -> changes.deploy(id)));
  }
}
