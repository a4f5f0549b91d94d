package dev.firebreak.recovery;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recovery feature's classes of the variable contract, made known to the platform. */
@Configuration
class RecoveryContracts {

  @Bean
  ProcessContract recoveryProcessContract() {
    return new ProcessContract(RecoveryProcess.class);
  }

  @Bean
  ProcessContract autoSyncFollowUpContract() {
    return new ProcessContract(AutoSyncFollowUpProcess.class);
  }
}
