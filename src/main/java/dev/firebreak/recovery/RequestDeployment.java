package dev.firebreak.recovery;

import static dev.firebreak.recovery.RecoveryProcess.*;

import dev.firebreak.incident.IncidentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deployment steps of recovery.bpmn: roll back, deploy a reviewed hotfix, abort a canary (each one
 * short async job that asks the tool once), check a running deployment (the polling backstop), and record what a
 * person confirmed.
 */
@Configuration(proxyBeanMethods = false)
class RequestDeployment {

  @Bean
  JavaDelegate requestRollback(Deployments deployments) {
    return execution -> remember(execution, deployments.request(execution.getProcessInstanceId(),
        IncidentProcess.INCIDENT_KEY.require(execution), IncidentProcess.SERVICE.require(execution),
        DeploymentRequest.Action.ROLLBACK, TARGET_VERSION.require(execution)));
  }

  @Bean
  JavaDelegate requestHotfixDeployment(Deployments deployments) {
    return execution -> remember(execution, deployments.request(execution.getProcessInstanceId(),
        IncidentProcess.INCIDENT_KEY.require(execution), IncidentProcess.SERVICE.require(execution),
        DeploymentRequest.Action.HOTFIX, HOTFIX_REFERENCE.require(execution)));
  }

  /** Abort the canary: finished at once; deploymentOutcome says whether it was aborted. */
  @Bean
  JavaDelegate abortCanary(Deployments deployments) {
    return execution -> {
      DeploymentResult result = deployments.abortCanary(execution.getProcessInstanceId(),
          IncidentProcess.INCIDENT_KEY.require(execution), IncidentProcess.SERVICE.require(execution),
          CANARY_ROLLOUT.get(execution));
      DEPLOYMENT_OUTCOME.set(execution, result.outcome());
      DEPLOYMENT_DETAILS.set(execution, result.message());
    };
  }

  @Bean
  JavaDelegate checkDeployment(Deployments deployments) {
    return execution -> {
      var result = deployments.check(execution.getProcessInstanceId());
      DEPLOYMENT_FINISHED.set(execution, result.isPresent());
      result.ifPresent(ended -> {
        DEPLOYMENT_OUTCOME.set(execution, ended.outcome());
        DEPLOYMENT_DETAILS.set(execution, ended.message());
      });
    };
  }

  @Bean
  JavaDelegate recordDeploymentOutcome(Deployments deployments) {
    return execution -> deployments.confirmed(execution.getProcessInstanceId(), DEPLOYMENT_OUTCOME.require(execution),
        DEPLOYMENT_DETAILS.get(execution));
  }

  /** Re-enable auto-sync (auto-sync-follow-up.bpmn): the remembered policy back on the application. */
  @Bean
  JavaDelegate reenableAutoSync(Deployments deployments) {
    return execution -> deployments.reenableAutoSync(IncidentProcess.INCIDENT_KEY.require(execution),
        DEPLOYMENT_REFERENCE.require(execution));
  }

  @Bean
  JavaDelegate recordConsistencyChecks(ConsistencyChecks checks) {
    return checks::record;
  }

  private static void remember(DelegateExecution execution, DeploymentTicket ticket) {
    DEPLOYMENT_REFERENCE.set(execution, ticket.reference());
    DEPLOYMENT_CALLBACK_EXPECTED.set(execution, ticket.callbackExpected());
    DEPLOYMENT_INSTRUCTIONS.set(execution, ticket.details());
    REVERT_IN_GIT.set(execution, ticket.revertInGit());
    DEPLOYMENT_REVISION.set(execution, ticket.revision());
    DEPLOYMENT_FINISHED.set(execution, false);
    execution.removeVariable(DEPLOYMENT_DETAILS.name());
    execution.removeVariable(DEPLOYMENT_OUTCOME.name());
  }
}
