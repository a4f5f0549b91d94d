package dev.firebreak.recovery;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Used when no deploy tool is configured: the request is recorded and a person confirms the deployment. */
@Configuration(proxyBeanMethods = false)
class RecordingDeployToolConfiguration {

  @Bean
  @ConditionalOnMissingBean(DeployTool.class)
  DeployTool recordingDeployTool(Incidents incidents) {
    return new DeployTool() {
      @Override
      public DeploymentTicket requestRollback(String incidentKey, String service, String targetVersion) {
        return record(incidentKey, "rollback of " + service + " to " + targetVersion,
            Map.of("action", "rollback", "service", service, "targetVersion", String.valueOf(targetVersion)));
      }

      @Override
      public DeploymentTicket requestHotfix(String incidentKey, String service, String hotfixReference) {
        return record(incidentKey, "hotfix deployment of " + service + " from " + hotfixReference,
            Map.of("action", "hotfix", "service", service, "hotfixReference", String.valueOf(hotfixReference)));
      }

      private DeploymentTicket record(String incidentKey, String what, Map<String, Object> details) {
        incidents.note(incidentKey, null, TimelineEntry.Kind.RECOVERY,
            incidents.words().get("recovery.recorded", what), details);
        return new DeploymentTicket("recorded-" + incidentKey, false,
            "No deploy tool is configured: run the " + what + " by hand, then confirm it here.");
      }
    };
  }
}
