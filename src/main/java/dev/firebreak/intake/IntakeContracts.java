package dev.firebreak.intake;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The intake feature's class of the variable contract (the alert classification's), made known to the platform. */
@Configuration
class IntakeContracts {

  @Bean
  ProcessContract alertClassificationContract() {
    return new ProcessContract(AlertClassification.class);
  }
}
