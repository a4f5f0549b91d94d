package dev.firebreak.recovery;

import static dev.firebreak.recovery.RecoveryProcess.CANARY_ROLLOUT;
import static dev.firebreak.recovery.RecoveryProcess.RECOVERY_STRATEGY_OPTIONS;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.i18n.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Diagnose and choose recovery is created: the strategies it offers ({@link RecoveryProcess#RECOVERY_STRATEGY_OPTIONS},
 * labels in firebreak.notify.locale), "abort the canary" among them only while the service's deploy tool
 * reports an Argo Rollouts canary ({@link RecoveryProcess#CANARY_ROLLOUT}). A tool that cannot be read
 * never blocks the task: the canary is then simply not offered.
 */
@Component("offerRecoveryStrategies")
class OfferRecoveryStrategies implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(OfferRecoveryStrategies.class);

  private final DeployTools tools;
  private final Texts texts;

  OfferRecoveryStrategies(DeployTools tools, Texts texts) {
    this.tools = tools;
    this.texts = texts;
  }

  @Override
  public void notify(DelegateTask task) {
    Optional<String> canary = canary(IncidentProcess.SERVICE.get(task.getExecution()));
    if (canary.isPresent()) {
      CANARY_ROLLOUT.set(task.getExecution(), canary.get());
    } else {
      task.getExecution().removeVariable(CANARY_ROLLOUT.name());
    }
    task.getExecution().setVariable(RECOVERY_STRATEGY_OPTIONS, SpinValues.jsonValue(
        json(options(canary.isPresent()))).create());
  }

  /** {label, value} of each strategy offered, in the order of {@link RecoveryStrategy}. */
  List<Map<String, String>> options(boolean canary) {
    List<Map<String, String>> options = new ArrayList<>();
    for (RecoveryStrategy strategy : RecoveryStrategy.values()) {
      if (strategy == RecoveryStrategy.ABORT_CANARY && !canary) {
        continue;
      }
      Map<String, String> option = new LinkedHashMap<>();
      option.put("label", texts.get("recovery.strategy." + strategy.code()));
      option.put("value", strategy.code());
      options.add(option);
    }
    return options;
  }

  private Optional<String> canary(String service) {
    if (service == null) {
      return Optional.empty();
    }
    try {
      return tools.forService(service).canary(tools.target(service));
    } catch (RuntimeException unreadable) {
      log.warn("Could not read the deploy tool of {} for a canary: {}", service, unreadable.getMessage());
      return Optional.empty();
    }
  }

  private static String json(List<Map<String, String>> options) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(options);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
