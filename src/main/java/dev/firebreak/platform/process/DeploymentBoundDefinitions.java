package dev.firebreak.platform.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Decisions bound to the deployment (every {@code camunda:decisionRefBinding} of the shipped models)
 * without a database query per evaluation. Camunda's deployment cache keeps definitions by id, but
 * finds the id of "key K in deployment D" with a query each time: two per incident start (Assess
 * severity, Plan notifications) and one at every escalation check. Which definition a deployment
 * holds under a key never changes (a deployment is immutable; a deleted one takes its definitions
 * with it), so that id is kept here per deployment and key, and the parsed definition is taken from
 * Camunda's cache by that id.
 */
@Component
class DeploymentBoundDefinitions extends AbstractProcessEnginePlugin {

  /** Camunda's default capacity of each definition cache (the engine's {@code cacheCapacity}). */
  static final int CAPACITY = 1000;

  /** After the engine made its cache (and its deployers), before anything is deployed. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    RememberingDeploymentCache cache = new RememberingDeploymentCache(CAPACITY);
    cache.setDeployers(configuration.getDeployers());
    configuration.setDeploymentCache(cache);
  }

  /** Camunda's deployment cache, remembering the id of each decision looked up by deployment and key. */
  static final class RememberingDeploymentCache extends DeploymentCache {

    private final Map<String, String> decisions = new ConcurrentHashMap<>();

    RememberingDeploymentCache(int capacity) {
      super(new DefaultCacheFactory(), capacity);
    }

    @Override
    public DecisionDefinition findDeployedDecisionDefinitionByDeploymentAndKey(String deploymentId, String key) {
      String id = decisions.get(slot(deploymentId, key));
      if (id != null) {
        // deployed here already: no query (by id Camunda would still check that it exists, but the
        // caller's own deployment cannot have been deleted while the caller runs)
        DecisionDefinitionEntity deployed = getDecisionDefinitionCache().get(id);
        return deployed != null ? deployed : findDeployedDecisionDefinitionById(id);
      }
      DecisionDefinition found = super.findDeployedDecisionDefinitionByDeploymentAndKey(deploymentId, key);
      decisions.put(slot(deploymentId, key), found.getId());
      return found;
    }

    @Override
    public void removeDeployment(String deploymentId) {
      String prefix = deploymentId + '\n';
      decisions.keySet().removeIf(slot -> slot.startsWith(prefix));
      super.removeDeployment(deploymentId);
    }

    private static String slot(String deploymentId, String key) {
      return deploymentId + '\n' + key;
    }
  }
}
