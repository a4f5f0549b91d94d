package dev.firebreak.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** firebreak.security.login.*: how many wrong passwords lock an account, and for how long. */
@ConfigurationProperties("firebreak.security.login")
public class LoginProperties {

  /** Wrong passwords in a row that lock the account (Firebreak's API and pages, /engine-rest, the webapps). */
  private int maxAttempts = 5;
  /** How long the account then stays locked; afterwards the count starts again. */
  private Duration lockDuration = Duration.ofMinutes(15);

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getLockDuration() {
    return lockDuration;
  }

  public void setLockDuration(Duration lockDuration) {
    this.lockDuration = lockDuration;
  }
}
