package dev.firebreak.platform.security;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.process.EveryUserTask;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Four eyes on any user task, declared in the diagram with extension properties (so a new process,
 * e.g. a lifecycle review, gets it by drawing, not by code):
 *
 * <ul>
 *   <li>{@value #RECORD_COMPLETER_AS} = <i>variable</i>: when the task completes, Firebreak writes
 *       the completing user into that variable (the "author" or "requester"; never a form field);</li>
 *   <li>{@value #NOT_COMPLETED_BY} = <i>variable</i>: the user named in that variable may not complete
 *       the task (refused while {@code firebreak.security.four-eyes} is on, the default);</li>
 *   <li>{@value #COMPLETED_BY} = <i>variable</i>: only the user named in that variable may complete
 *       the task (a personal sign-off; always enforced);</li>
 *   <li>{@value #REASON}: the sentence the refusal says (the form should show it too).</li>
 * </ul>
 *
 * A refusal is an {@link AuthorizationException}, thrown before the completion (or form submission)
 * runs and so before its variables are applied: Camunda REST answers 403 with the sentence as its
 * message ({@code {"type":"AuthorizationException","message":…}}), Firebreak's API 403
 * problem+json; nothing of the completion is kept. Completions without an authenticated user (the
 * engine itself, timers) are not checked.
 */
@Component
public class FourEyes extends AbstractProcessEnginePlugin implements TaskListener {

  public static final String RECORD_COMPLETER_AS = "firebreak.recordCompleterAs";
  public static final String NOT_COMPLETED_BY = "firebreak.notCompletedBy";
  public static final String COMPLETED_BY = "firebreak.completedBy";
  public static final String REASON = "firebreak.fourEyesReason";

  private final boolean fourEyes;

  FourEyes(FirebreakProperties properties) {
    this.fourEyes = properties.getSecurity().isFourEyes();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.onComplete(configuration, this);
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new Completions());
  }

  /** On completion: records the completer where the task says so (after the form's variables). */
  @Override
  public void notify(DelegateTask task) {
    UserTask element = task.getBpmnModelElementInstance();
    String user = EngineAccess.currentUser();
    if (element == null || user == null) {
      return;
    }
    String recordAs = property(element, RECORD_COMPLETER_AS);
    if (recordAs != null) {
      task.getExecution().setVariable(recordAs, user);
    }
  }

  /**
   * Checked before a completion or form submission runs, so the variables compared are the ones
   * in force before the submission (a form cannot name someone else as the requester), and the
   * refusal reaches the caller as it is (a task listener's exception would be wrapped into a 500).
   */
  final class Completions extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
        CommandContext context = Context.getCommandContext();
        String user = context == null ? null : context.getAuthenticatedUserId();
        if (user != null) {
          TaskEntity task = context.getTaskManager().findTaskById(taskId(command));
          if (task != null && task.getProcessDefinitionId() != null) {
            check(task, user);
          }
        }
      }
      return next.execute(command);
    }
  }

  void check(TaskEntity task, String user) {
    UserTask element = task.getBpmnModelElementInstance();
    if (element == null) {
      return;
    }
    String notBy = property(element, NOT_COMPLETED_BY);
    if (fourEyes && notBy != null && user.equals(asString(task.getVariable(notBy)))) {
      throw refusal(element, "You (" + user + ") cannot complete '" + element.getName()
          + "': four eyes, the person named in " + notBy + " must not approve their own request.");
    }
    String onlyBy = property(element, COMPLETED_BY);
    if (onlyBy != null && !user.equals(asString(task.getVariable(onlyBy)))) {
      throw refusal(element, "Only " + asString(task.getVariable(onlyBy)) + " (" + onlyBy + ") may complete '"
          + element.getName() + "', not " + user + ".");
    }
  }

  private static String taskId(Object command) {
    try {
      Field field = command.getClass().getDeclaredField("taskId");
      field.setAccessible(true);
      return (String) field.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " has no taskId", e);
    }
  }

  private static AuthorizationException refusal(UserTask element, String fallback) {
    String reason = property(element, REASON);
    return new AuthorizationException(reason == null ? fallback : reason);
  }

  static String property(UserTask element, String name) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    for (CamundaProperties properties : element.getExtensionElements().getElementsQuery()
        .filterByType(CamundaProperties.class).list()) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        if (name.equals(property.getCamundaName())) {
          return property.getCamundaValue();
        }
      }
    }
    return null;
  }

  private static String asString(Object value) {
    return Objects.toString(value, null);
  }
}
