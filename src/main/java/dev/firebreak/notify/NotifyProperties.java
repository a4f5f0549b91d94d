package dev.firebreak.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** firebreak.notify.*: where incident messages go. */
@ConfigurationProperties("firebreak.notify")
public class NotifyProperties {

  /** The central incident channel every incident is announced in. */
  private String centralChannel = "#incidents";
  /** Drills post here only, never to the central channel. */
  private String drillChannel = "#incident-drills";
  /** Language of public notice drafts: en or ko. */
  private String locale = "en";
  /** Sender of incident e-mails. */
  private String mailFrom = "firebreak@localhost";
  /** The mail outbox: pages and incident e-mails are sent after commit, retried, each once. */
  private final MailOutbox mailOutbox = new MailOutbox();

  public MailOutbox getMailOutbox() {
    return mailOutbox;
  }

  /** At most one alert update post per incident channel in this time (the card is redrawn at once). */
  private java.time.Duration alertUpdateInterval = java.time.Duration.ofMinutes(5);
  /** How often waiting alert update posts are looked for (they go out when their interval ends). */
  private java.time.Duration alertUpdateSweep = java.time.Duration.ofSeconds(10);

  public java.time.Duration getAlertUpdateInterval() {
    return alertUpdateInterval;
  }

  public void setAlertUpdateInterval(java.time.Duration alertUpdateInterval) {
    this.alertUpdateInterval = alertUpdateInterval;
  }

  public java.time.Duration getAlertUpdateSweep() {
    return alertUpdateSweep;
  }

  public void setAlertUpdateSweep(java.time.Duration alertUpdateSweep) {
    this.alertUpdateSweep = alertUpdateSweep;
  }

  public String getMailFrom() {
    return mailFrom;
  }

  public void setMailFrom(String mailFrom) {
    this.mailFrom = mailFrom;
  }

  public String getLocale() {
    return locale;
  }

  public void setLocale(String locale) {
    this.locale = locale;
  }

  public String getCentralChannel() {
    return centralChannel;
  }

  public void setCentralChannel(String centralChannel) {
    this.centralChannel = centralChannel;
  }

  public String getDrillChannel() {
    return drillChannel;
  }

  public void setDrillChannel(String drillChannel) {
    this.drillChannel = drillChannel;
  }

  /** firebreak.notify.mail-outbox.*: how e-mails waiting in the outbox are sent and retried. */
  public static class MailOutbox implements dev.firebreak.platform.outbox.OutboxSettings {
    /** How often the outbox looks for due e-mails (new ones are sent right after commit anyway). */
    private java.time.Duration pollInterval = java.time.Duration.ofSeconds(5);
    /** Wait before the first retry; doubles per failed attempt up to retryMax. */
    private java.time.Duration retryInitial = java.time.Duration.ofSeconds(30);
    private java.time.Duration retryMax = java.time.Duration.ofMinutes(10);
    /** Failed attempts (not counting fail-fast calls while the smtp circuit breaker is open) before giving up. */
    private int maxAttempts = 10;
    /** How long a node owns an e-mail it is sending (other nodes skip it meanwhile); above the SMTP timeouts. */
    private java.time.Duration lease = java.time.Duration.ofSeconds(45);

    public java.time.Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(java.time.Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public java.time.Duration getRetryInitial() {
      return retryInitial;
    }

    public void setRetryInitial(java.time.Duration retryInitial) {
      this.retryInitial = retryInitial;
    }

    public java.time.Duration getRetryMax() {
      return retryMax;
    }

    public void setRetryMax(java.time.Duration retryMax) {
      this.retryMax = retryMax;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public java.time.Duration getLease() {
      return lease;
    }

    public void setLease(java.time.Duration lease) {
      this.lease = lease;
    }
  }
}
