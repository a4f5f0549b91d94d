package dev.firebreak.platform.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code firebreak.database.*}: how Firebreak notices a database outage (see {@link DatabaseAvailability}). */
@ConfigurationProperties("firebreak.database")
public class DatabaseProperties {

  /** How often the database is probed (one validation of a pooled connection). */
  private Duration probeInterval = Duration.ofSeconds(1);
  /** How long the quick pool waits for a connection before it gives up (the intake's budget). */
  private Duration quickTimeout = Duration.ofSeconds(2);
  /** Connections of the quick pool (alert intake and probe), beside the main pool. */
  private int quickPoolSize = 8;
  /** Retry-After (seconds) of a 503 answered while the database is away. */
  private int retryAfterSeconds = 10;

  public Duration getProbeInterval() {
    return probeInterval;
  }

  public void setProbeInterval(Duration probeInterval) {
    this.probeInterval = probeInterval;
  }

  public Duration getQuickTimeout() {
    return quickTimeout;
  }

  public void setQuickTimeout(Duration quickTimeout) {
    this.quickTimeout = quickTimeout;
  }

  public int getQuickPoolSize() {
    return quickPoolSize;
  }

  public void setQuickPoolSize(int quickPoolSize) {
    this.quickPoolSize = quickPoolSize;
  }

  public int getRetryAfterSeconds() {
    return retryAfterSeconds;
  }

  public void setRetryAfterSeconds(int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
