package dev.firebreak.recovery;

import static dev.firebreak.recovery.RecoveryProcess.*;

import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two deploy requests of recovery.bpmn: roll back, or deploy a reviewed hotfix. */
@Configuration(proxyBeanMethods = false)
class RequestDeployment {

  @Bean
  JavaDelegate requestRollback(DeployTool tool, Incidents incidents) {
    return execution -> remember(execution, incidents, tool.requestRollback(
        IncidentProcess.INCIDENT_KEY.require(execution), IncidentProcess.SERVICE.require(execution),
        TARGET_VERSION.require(execution)));
  }

  @Bean
  JavaDelegate requestHotfixDeployment(DeployTool tool, Incidents incidents) {
    return execution -> remember(execution, incidents, tool.requestHotfix(
        IncidentProcess.INCIDENT_KEY.require(execution), IncidentProcess.SERVICE.require(execution),
        HOTFIX_REFERENCE.require(execution)));
  }

  private static void remember(DelegateExecution execution, Incidents incidents, DeploymentTicket ticket) {
    DEPLOYMENT_REFERENCE.set(execution, ticket.reference());
    DEPLOYMENT_CALLBACK_EXPECTED.set(execution, ticket.callbackExpected());
    DEPLOYMENT_INSTRUCTIONS.set(execution, ticket.details());
    execution.removeVariable(DEPLOYMENT_DETAILS.name());
    execution.removeVariable(DEPLOYMENT_OUTCOME.name());
    incidents.link(IncidentProcess.INCIDENT_KEY.require(execution),
        new IncidentLink("deployment", ticket.reference(), null));
  }
}
