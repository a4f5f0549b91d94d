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
  public static class MailOutbox extends dev.firebreak.platform.outbox.OutboxSettings {
    /** Retries wait 30 s first (SMTP answers slowly); the lease lies above the SMTP timeouts. */
    public MailOutbox() {
      super(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(10), 10,
          java.time.Duration.ofSeconds(45));
    }

}
}
