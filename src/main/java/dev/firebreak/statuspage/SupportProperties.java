package dev.firebreak.statuspage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * firebreak.support.*: the support centre's briefing of every published public notice (issue 17.3):
 * the address it is e-mailed to, the optional help-desk webhook it is posted to (signed like the
 * subscriber webhooks), and how that outbox retries. Without an address no e-mail is sent; without a
 * webhook URL nothing is posted; the briefing is on /support either way.
 */
@ConfigurationProperties("firebreak.support")
public class SupportProperties implements dev.firebreak.platform.outbox.OutboxSettings {

  /** Where the briefing is e-mailed (the support centre's shared mailbox); empty: not e-mailed. */
  private String email;
  /** The help-desk webhook (e.g. a Zendesk or Freshdesk trigger URL); empty: not posted. */
  private String webhookUrl;
  /** The HMAC-SHA256 secret of the help-desk webhook's X-Firebreak-Signature. */
  private String webhookSecret;
  private Duration pollInterval = Duration.ofSeconds(5);
  private Duration retryInitial = Duration.ofSeconds(10);
  private Duration retryMax = Duration.ofMinutes(10);
  private int maxAttempts = 10;
  private Duration lease = Duration.ofMinutes(1);

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getWebhookUrl() {
    return webhookUrl;
  }

  public void setWebhookUrl(String webhookUrl) {
    this.webhookUrl = webhookUrl;
  }

  public String getWebhookSecret() {
    return webhookSecret;
  }

  public void setWebhookSecret(String webhookSecret) {
    this.webhookSecret = webhookSecret;
  }

  @Override
  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  @Override
  public Duration getRetryInitial() {
    return retryInitial;
  }

  public void setRetryInitial(Duration retryInitial) {
    this.retryInitial = retryInitial;
  }

  @Override
  public Duration getRetryMax() {
    return retryMax;
  }

  public void setRetryMax(Duration retryMax) {
    this.retryMax = retryMax;
  }

  @Override
  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  @Override
  public Duration getLease() {
    return lease;
  }

  public void setLease(Duration lease) {
    this.lease = lease;
  }
}
