package dev.firebreak.postmortem;

import dev.firebreak.platform.process.ProcessContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The postmortem feature's classes of the variable contract, made known to the platform. */
@Configuration
class PostmortemContracts {

  @Bean
  ProcessContract postmortemProcessContract() {
    return new ProcessContract(PostmortemProcess.class);
  }

  @Bean
  ProcessContract reportCorrectionProcessContract() {
    return new ProcessContract(ReportCorrectionProcess.class);
  }

  @Bean
  ProcessContract actionItemFollowUpProcessContract() {
    return new ProcessContract(ActionItemFollowUpProcess.class);
  }
}
