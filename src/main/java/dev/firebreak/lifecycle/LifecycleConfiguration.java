package dev.firebreak.lifecycle;

import dev.firebreak.platform.process.ModelSandbox;
import dev.firebreak.platform.process.ProcessContract;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model check knows the whole variable contract and the beans a model may reach: the ones
 * {@link ModelSandbox} lets expressions resolve, not the whole application.
 */
@Configuration
class LifecycleConfiguration {

  @Bean
  ModelCheck modelCheck(List<ProcessContract> contracts, ModelSandbox sandbox) {
    return new ModelCheck(ProcessContract.allNames(contracts), name -> sandbox.allowedBeanNames().contains(name));
  }
}
