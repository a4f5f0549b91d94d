package dev.firebreak.platform.security;

import java.lang.reflect.Field;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.task.Attachment;
import org.springframework.stereotype.Component;

/**
 * Task comments and attachments only on tasks the user may work (Camunda itself checks nothing
 * when a comment or attachment is added): the same check as completing the task (TASK_WORK or
 * UPDATE on the task, e.g. through its candidate group), and UPDATE on the process instance for a
 * comment or attachment on a process instance. Auditors and process owners therefore add none.
 */
@Component
class CommentGuard extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new Interceptor());
  }

  static final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      CommandContext context = Context.getCommandContext();
      if (context != null && context.getAuthentication() != null && context.isAuthorizationCheckEnabled()) {
        if (command instanceof AddCommentCmd || command instanceof CreateAttachmentCmd) {
          check(context, (String) field(command, "taskId"), (String) field(command, "processInstanceId"));
        } else if (command instanceof DeleteAttachmentCmd) {
          String taskId = (String) field(command, "taskId");
          AttachmentEntity attachment = context.getDbEntityManager()
              .selectById(AttachmentEntity.class, (String) field(command, "attachmentId"));
          check(context, taskId != null ? taskId : attachment == null ? null : attachment.getTaskId(),
              attachment == null ? null : attachment.getProcessInstanceId());
        } else if (command instanceof SaveAttachmentCmd) {
          Attachment attachment = (Attachment) field(command, "attachment");
          if (attachment != null) {
            check(context, attachment.getTaskId(), attachment.getProcessInstanceId());
          }
        }
      }
      return next.execute(command);
    }

    /**
     * Refuses with 403: a REST exception, as Camunda REST's comment and attachment resources turn
     * any engine exception (an AuthorizationException too) into "400 Not enough parameters".
     */
    private static void check(CommandContext context, String taskId, String processInstanceId) {
      try {
        checkAuthorized(context, taskId, processInstanceId);
      } catch (AuthorizationException e) {
        throw new RestException(Response.Status.FORBIDDEN, e,
            "Comments and attachments only on tasks you may work: " + e.getMessage());
      }
    }

    private static void checkAuthorized(CommandContext context, String taskId, String processInstanceId) {
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        if (taskId != null) {
          TaskEntity task = context.getTaskManager().findTaskById(taskId);
          if (task != null) {
            checker.checkTaskWork(task);
          }
        } else if (processInstanceId != null) {
          checker.checkUpdateProcessInstanceById(processInstanceId);
        }
      }
    }

    private static Object field(Object command, String name) {
      try {
        Field field = command.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " has no " + name, e);
      }
    }
  }
}
