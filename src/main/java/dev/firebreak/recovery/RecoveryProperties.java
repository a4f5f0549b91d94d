package dev.firebreak.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code firebreak.recovery.*}: deploy-tool callbacks and the polling backstop. Documented in README.md. */
@ConfigurationProperties("firebreak.recovery")
public class RecoveryProperties {

  /** How often a running deployment is asked after when no callback came. */
  private Duration pollInterval = Duration.ofMinutes(1);
  /** A deployment with no outcome after this counts as failed (back to *Diagnose and choose recovery*). */
  private Duration timeout = Duration.ofMinutes(30);
  /** Shared secret Argo CD Notifications sends in the header X-Firebreak-Webhook-Secret; blank refuses all. */
  private String argocdWebhookSecret = "";
  /** The GitHub webhook's secret (X-Hub-Signature-256); blank refuses all. */
  private String githubWebhookSecret = "";

  public Duration getPollInterval() { return pollInterval; }
  public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
  public Duration getTimeout() { return timeout; }
  public void setTimeout(Duration timeout) { this.timeout = timeout; }
  public String getArgocdWebhookSecret() { return argocdWebhookSecret; }
  public void setArgocdWebhookSecret(String argocdWebhookSecret) { this.argocdWebhookSecret = argocdWebhookSecret; }
  public String getGithubWebhookSecret() { return githubWebhookSecret; }
  public void setGithubWebhookSecret(String githubWebhookSecret) { this.githubWebhookSecret = githubWebhookSecret; }
}
