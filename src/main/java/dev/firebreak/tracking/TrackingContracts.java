package dev.firebreak.tracking;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tracking feature's classes of the variable contract, made known to the platform. */
@Configuration
class TrackingContracts {

  @Bean
  ProcessContract trackingProcessContract() {
    return new ProcessContract(TrackingProcess.class);
  }
}
