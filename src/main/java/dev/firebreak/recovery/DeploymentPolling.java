package dev.firebreak.recovery;

import dev.firebreak.platform.process.ModelBean;
import org.springframework.stereotype.Component;

/** The polling backstop's interval, read by recovery.bpmn as {@code ${deploymentPolling.interval}}. */
@ModelBean
@Component("deploymentPolling")
public class DeploymentPolling {

  private final RecoveryProperties properties;

  DeploymentPolling(RecoveryProperties properties) {
    this.properties = properties;
  }

  /** ISO-8601, e.g. PT1M. */
  public String getInterval() {
    return properties.getPollInterval().toString();
  }
}
