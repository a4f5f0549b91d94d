package dev.firebreak.lifecycle;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lifecycle feature's class of the variable contract, made known to the platform. */
@Configuration
class LifecycleContracts {

  @Bean
  ProcessContract lifecycleChangeProcessContract() {
    return new ProcessContract(LifecycleChangeProcess.class);
  }
}
