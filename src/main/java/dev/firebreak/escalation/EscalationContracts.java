package dev.firebreak.escalation;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The escalation feature's classes of the variable contract, made known to the platform. */
@Configuration
class EscalationContracts {

  @Bean
  ProcessContract escalationProcessContract() {
    return new ProcessContract(EscalationProcess.class);
  }
}
