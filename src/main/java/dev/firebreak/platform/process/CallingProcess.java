package dev.firebreak.platform.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The process instance that called this one (through call activities, any depth), found with the
 * public {@link DelegateExecution} API only: {@code getProcessInstance()} and
 * {@code getSuperExecution()}. Setting a variable on the instance found updates it there, so a
 * called process can keep its caller's variables current while both run.
 */
public final class CallingProcess {

  /**
   * The process instance of the given definition key that this execution belongs to or was called
   * by; the execution's own process instance when there is none.
   */
  public static DelegateExecution instanceOf(DelegateExecution execution, String processDefinitionKey) {
    DelegateExecution instance = execution.getProcessInstance();
    while (instance != null) {
      if (processDefinitionKey.equals(definitionKey(instance))) {
        return instance;
      }
      DelegateExecution caller = instance.getSuperExecution();
      instance = caller == null ? null : caller.getProcessInstance();
    }
    return execution.getProcessInstance();
  }

  private static String definitionKey(DelegateExecution instance) {
    return EngineAccess.withoutAuthorization(() -> instance.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(instance.getProcessDefinitionId()).getKey());
  }

  private CallingProcess() {
  }
}
