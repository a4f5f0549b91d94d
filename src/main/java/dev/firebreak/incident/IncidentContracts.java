package dev.firebreak.incident;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The incident feature's classes of the variable contract, made known to the platform. */
@Configuration
class IncidentContracts {

  @Bean
  ProcessContract incidentProcessContract() {
    return new ProcessContract(IncidentProcess.class);
  }
}
