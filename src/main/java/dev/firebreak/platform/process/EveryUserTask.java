package dev.firebreak.platform.process;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Adds a listener to every user task of every deployed diagram, without the process owner drawing
 * it (the engine's parse listener API, kept here so features never touch engine internals).
 */
public final class EveryUserTask {

  /** From a process engine plugin's {@code preInit}: {@code listener} runs when any user task completes. */
  public static void onComplete(ProcessEngineConfigurationImpl configuration, TaskListener listener) {
    on(configuration, TaskListener.EVENTNAME_COMPLETE, listener);
  }

  /**
   * From a process engine plugin's {@code preInit}: {@code listener} runs when any user task is
   * created, after the diagram's own create listeners (it may set the name, priority, due date).
   */
  public static void onCreate(ProcessEngineConfigurationImpl configuration, TaskListener listener) {
    on(configuration, TaskListener.EVENTNAME_CREATE, listener);
  }

  private static void on(ProcessEngineConfigurationImpl configuration, String event, TaskListener listener) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addTaskListener(event, listener);
      }
    });
  }

  private EveryUserTask() {
  }
}
