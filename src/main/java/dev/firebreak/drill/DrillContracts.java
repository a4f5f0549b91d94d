package dev.firebreak.drill;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The drill feature's classes of the variable contract, made known to the platform. */
@Configuration
class DrillContracts {

  @Bean
  ProcessContract drillProcessContract() {
    return new ProcessContract(DrillProcess.class);
  }
}
