package dev.firebreak.notify.teams;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * firebreak.teams.*: Microsoft Teams through Workflows webhooks ("When a Teams webhook request is
 * received"), one webhook per Firebreak channel. A channel whose webhook is set goes to Teams; the
 * others stay with Slack (when its bot token is set) or are recorded on the timeline. Setting all
 * three makes Teams the installation's chat. Documented in README.md ("Microsoft Teams").
 */
@ConfigurationProperties("firebreak.teams")
public class TeamsProperties {

  /** Webhook of the Teams channel for the central incident channel (firebreak.notify.central-channel). */
  private String centralWebhook = "";
  /**
   * Webhook of the Teams channel that stands for the incidents' own channels (#inc-2026-0042): a
   * webhook cannot create channels, so every incident gets its card there.
   */
  private String incidentWebhook = "";
  /** Webhook of the Teams channel for drills (firebreak.notify.drill-channel); drills go nowhere else. */
  private String drillWebhook = "";
  /** Timeout of one webhook call. */
  private Duration timeout = Duration.ofSeconds(10);
  /** A 429 whose Retry-After is at most this long is waited out in the job; longer ones fail the job to retry later. */
  private Duration maxRateLimitWait = Duration.ofSeconds(3);

  /** Whether any channel goes to Teams. */
  public boolean configured() {
    return !centralWebhook.isBlank() || !incidentWebhook.isBlank() || !drillWebhook.isBlank();
  }

  public String getCentralWebhook() {
    return centralWebhook;
  }

  public void setCentralWebhook(String centralWebhook) {
    this.centralWebhook = centralWebhook == null ? "" : centralWebhook.trim();
  }

  public String getIncidentWebhook() {
    return incidentWebhook;
  }

  public void setIncidentWebhook(String incidentWebhook) {
    this.incidentWebhook = incidentWebhook == null ? "" : incidentWebhook.trim();
  }

  public String getDrillWebhook() {
    return drillWebhook;
  }

  public void setDrillWebhook(String drillWebhook) {
    this.drillWebhook = drillWebhook == null ? "" : drillWebhook.trim();
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration getMaxRateLimitWait() {
    return maxRateLimitWait;
  }

  public void setMaxRateLimitWait(Duration maxRateLimitWait) {
    this.maxRateLimitWait = maxRateLimitWait;
  }
}
