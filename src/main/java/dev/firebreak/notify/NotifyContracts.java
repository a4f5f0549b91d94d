package dev.firebreak.notify;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notify feature's classes of the variable contract, made known to the platform. */
@Configuration
class NotifyContracts {

  @Bean
  ProcessContract statusUpdateVariablesContract() {
    return new ProcessContract(StatusUpdateVariables.class);
  }

  @Bean
  ProcessContract notificationPlanContract() {
    return new ProcessContract(NotificationPlan.class);
  }
}
