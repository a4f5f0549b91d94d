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
public class SupportProperties extends dev.firebreak.platform.outbox.OutboxSettings {

  public SupportProperties() {
    super(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10), 10, Duration.ofMinutes(1));
  }

  /** Where the briefing is e-mailed (the support centre's shared mailbox); empty: not e-mailed. */
  private String email;
  /** The help-desk webhook (e.g. a Zendesk or Freshdesk trigger URL); empty: not posted. */
  private String webhookUrl;
  /** The HMAC-SHA256 secret of the help-desk webhook's X-Firebreak-Signature. */
  private String webhookSecret;

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
}
