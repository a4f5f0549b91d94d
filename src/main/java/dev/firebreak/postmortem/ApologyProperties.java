package dev.firebreak.postmortem;

import dev.firebreak.platform.outbox.OutboxSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * firebreak.apology.*: how the apology outbox (issue 17.4) polls and retries the customer apology
 * e-mails while SMTP is down (the same five settings as the other outboxes).
 */
@ConfigurationProperties("firebreak.apology")
public class ApologyProperties extends OutboxSettings {

  public ApologyProperties() {
    super(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(10), 10, Duration.ofSeconds(45));
  }
}
