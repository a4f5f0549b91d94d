package dev.firebreak.lifecycle;

import dev.firebreak.platform.process.ProcessContract;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model check knows the whole variable contract and the application's beans. */
@Configuration
class LifecycleConfiguration {

  @Bean
  ModelCheck modelCheck(List<ProcessContract> contracts, ApplicationContext context) {
    return new ModelCheck(ProcessContract.allNames(contracts), context::containsBean);
  }
}
