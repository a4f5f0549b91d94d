package dev.firebreak.recovery;

import dev.firebreak.platform.config.FirebreakProperties;
import java.util.Optional;

/**
 * Port to one deploy tool. Adapters: {@code recovery.argocd} (Argo CD), {@code recovery.github}
 * (GitHub Actions) and the recording adapter, used for every service whose catalog entry names no
 * deploy target. {@link DeployTools} chooses by the service's target.
 */
public interface DeployTool {

  /** {@code argocd}, {@code github}, {@code recorded}: the tool stored with each deployment. */
  String name();

  /**
   * Asks the tool to roll back or deploy the hotfix, once: {@code previous} is what an earlier attempt
   * of the same request already recorded (a retried job); an adapter that finds the request done at
   * the tool adopts it instead of asking again. Never waits for the deployment to finish.
   */
  DeploymentTicket request(DeploymentRequest request, Deployments.Deployment previous);

  /** Asks the tool how the deployment is going (the polling backstop); empty while it runs. */
  Optional<DeploymentResult> poll(DeploymentRequest request, Deployments.Deployment deployment);

  /**
   * The Argo Rollouts canary of the target that "abort the canary" would abort ({@code namespace/name}),
   * read when Diagnose and choose recovery is created; empty when the tool has none.
   */
  default Optional<String> canary(FirebreakProperties.Deploy target) {
    return Optional.empty();
  }

  /** The pull request of a hotfix ref and its checks, when the tool hosts the code; empty otherwise. */
  default Optional<HotfixChange> change(FirebreakProperties.Deploy target, String ref) {
    return Optional.empty();
  }

  /**
   * Switches auto-sync back on with {@code policy}, the sync policy Firebreak remembered when it switched
   * it off for a rollback (Argo CD only).
   */
  default void restoreSyncPolicy(FirebreakProperties.Deploy target, String policy) {
    throw new UnsupportedOperationException(name() + " has no sync policy to restore");
  }
}
