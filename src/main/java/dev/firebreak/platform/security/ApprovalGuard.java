package dev.firebreak.platform.security;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.process.EveryUserTask;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Approvals (user tasks for incident-managers only) are completed by incident managers, even if an
 * authorization was granted by mistake: on every user task's completion, a user outside the group
 * is refused and nothing of the completion is kept.
 */
@Component
class ApprovalGuard extends AbstractProcessEnginePlugin implements TaskListener {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.onComplete(configuration, this);
  }

  @Override
  public void notify(DelegateTask task) {
    UserTask element = task.getBpmnModelElementInstance();
    if (element == null || element.getCamundaCandidateGroups() == null) {
      return;
    }
    List<String> groups = Arrays.stream(element.getCamundaCandidateGroups().split(","))
        .map(String::trim).toList();
    if (!groups.equals(List.of(Groups.INCIDENT_MANAGERS))) {
      return;
    }
    Authentication authentication = Context.getCommandContext().getAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return;
    }
    List<String> userGroups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    if (!userGroups.contains(Groups.INCIDENT_MANAGERS)) {
      throw new AuthorizationException(authentication.getUserId(), Permissions.TASK_WORK.getName(),
          Resources.TASK.resourceName(), task.getId());
    }
  }
}
