package dev.firebreak.statuspage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** firebreak.status-page.*: how subscriber deliveries outside Camunda jobs are retried. */
@ConfigurationProperties("firebreak.status-page")
public class StatusPageProperties {

  private final Delivery delivery = new Delivery();

  public Delivery getDelivery() {
    return delivery;
  }

  /** firebreak.status-page.delivery.*: the subscriber outbox (maintenance notices, confirmation links). */
  public static class Delivery {
    /** How often the outbox looks for due deliveries (new ones are sent right after commit anyway). */
    private Duration pollInterval = Duration.ofSeconds(5);
    /** Wait before the first retry; doubles per failed attempt up to retryMax. */
    private Duration retryInitial = Duration.ofSeconds(10);
    private Duration retryMax = Duration.ofMinutes(10);
    /** Failed attempts (not counting fail-fast calls while a circuit breaker is open) before giving up. */
    private int maxAttempts = 20;
    /** How long a node owns a delivery it is sending (other nodes skip it meanwhile). */
    private Duration lease = Duration.ofMinutes(2);

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public Duration getRetryInitial() {
      return retryInitial;
    }

    public void setRetryInitial(Duration retryInitial) {
      this.retryInitial = retryInitial;
    }

    public Duration getRetryMax() {
      return retryMax;
    }

    public void setRetryMax(Duration retryMax) {
      this.retryMax = retryMax;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }
  }
}
