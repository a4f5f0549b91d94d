package dev.firebreak.statuspage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** firebreak.status-page.*: how subscriber deliveries are retried, and which subscribers are accepted. */
@ConfigurationProperties("firebreak.status-page")
public class StatusPageProperties {

  private final Delivery delivery = new Delivery();
  private final Subscribers subscribers = new Subscribers();
  private final Push push = new Push();
  private final Banner banner = new Banner();

  public Push getPush() {
    return push;
  }

  public Banner getBanner() {
    return banner;
  }

  /** firebreak.status-page.banner.*: the outage banner for the product's website and app. */
  public static class Banner {
    /** How long browsers and CDNs may keep banner.json (and banner.js) before asking again (with the ETag). */
    private Duration maxAge = Duration.ofSeconds(30);

    public Duration getMaxAge() {
      return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }

  /**
   * firebreak.status-page.push.*: Web Push to status page visitors. Without a configured VAPID key
   * pair one is generated once and stored (table push_vapid_key); the outbox retries like the
   * subscriber outbox. Push endpoints must be https and public (as webhook URLs; the same
   * allow-http / allow-private-addresses of firebreak.status-page.subscribers apply).
   */
  public static class Push extends dev.firebreak.platform.outbox.OutboxSettings {
    public Push() {
      super(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10), 10, Duration.ofMinutes(1));
    }

    /** The VAPID public key (base64url, uncompressed P-256 point); with the private key, or neither. */
    private String vapidPublicKey;
    /** The VAPID private key (base64url, the 32-byte scalar). */
    private String vapidPrivateKey;
    /** The VAPID subject push services may contact (mailto: or https:). */
    private String subject = "mailto:status@firebreak.localhost";
    /** How long a push service keeps an undelivered push (TTL). */
    private Duration timeToLive = Duration.ofHours(12);

    public String getVapidPublicKey() {
      return vapidPublicKey;
    }

    public void setVapidPublicKey(String vapidPublicKey) {
      this.vapidPublicKey = vapidPublicKey;
    }

    public String getVapidPrivateKey() {
      return vapidPrivateKey;
    }

    public void setVapidPrivateKey(String vapidPrivateKey) {
      this.vapidPrivateKey = vapidPrivateKey;
    }

    public String getSubject() {
      return subject;
    }

    public void setSubject(String subject) {
      this.subject = subject;
    }

    public Duration getTimeToLive() {
      return timeToLive;
    }

    public void setTimeToLive(Duration timeToLive) {
      this.timeToLive = timeToLive;
    }
}

  public Delivery getDelivery() {
    return delivery;
  }

  public Subscribers getSubscribers() {
    return subscribers;
  }

  /**
   * firebreak.status-page.subscribers.*: webhook URLs must be https and reach a public address
   * (checked at subscription and again at every delivery); confirmation e-mails to one address are
   * limited.
   */
  public static class Subscribers {
    /** Accept http:// webhook URLs (tests, a subscriber inside a trusted network). */
    private boolean allowHttp;
    /** Accept webhook URLs that resolve to loopback, private, link-local or metadata addresses (tests only). */
    private boolean allowPrivateAddresses;
    /** At most this many confirmation e-mails go to one address per confirmation-window. */
    private int confirmationLimit = 3;
    private Duration confirmationWindow = Duration.ofHours(1);

    public boolean isAllowHttp() {
      return allowHttp;
    }

    public void setAllowHttp(boolean allowHttp) {
      this.allowHttp = allowHttp;
    }

    public boolean isAllowPrivateAddresses() {
      return allowPrivateAddresses;
    }

    public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
      this.allowPrivateAddresses = allowPrivateAddresses;
    }

    public int getConfirmationLimit() {
      return confirmationLimit;
    }

    public void setConfirmationLimit(int confirmationLimit) {
      this.confirmationLimit = confirmationLimit;
    }

    public Duration getConfirmationWindow() {
      return confirmationWindow;
    }

    public void setConfirmationWindow(Duration confirmationWindow) {
      this.confirmationWindow = confirmationWindow;
    }
  }

  /** firebreak.status-page.delivery.*: the subscriber outbox (maintenance notices, confirmation links). */
  public static class Delivery extends dev.firebreak.platform.outbox.OutboxSettings {
    public Delivery() {
      super(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10), 20, Duration.ofMinutes(2));
    }

}
}
