package dev.firebreak.statuspage;

import dev.firebreak.platform.time.EngineClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.web.FieldChecks;
import java.net.URI;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Status page subscribers. E-mail subscriptions need a click on the confirmation link (double
 * opt-in); every e-mail carries a one-click unsubscribe link. Webhook subscribers receive the
 * public update as JSON signed with HMAC-SHA256 of "timestamp.body" under their own secret.
 */
@Service
public class Subscribers {

  static final String EMAIL = "email";
  static final String WEBHOOK = "webhook";
  static final String SIGNATURE_HEADER = WebhookSender.SIGNATURE_HEADER;
  static final String TIMESTAMP_HEADER = WebhookSender.TIMESTAMP_HEADER;
  private static final Pattern EMAIL_ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final FirebreakProperties properties;
  private final ObjectMapper json;
  private final TransactionTemplate ownTransaction;
  private final SubscriberOutbox outbox;
  private final EngineClock clock;
  private final WebhookTargets targets;
  private final StatusPageProperties.Subscribers settings;

  Subscribers(JdbcClient jdbc, FirebreakProperties properties, ObjectMapper json,
      PlatformTransactionManager transactions, SubscriberOutbox outbox, EngineClock clock, WebhookTargets targets,
      StatusPageProperties statusPage) {
    this.clock = clock;
    this.targets = targets;
    this.settings = statusPage.getSubscribers();
    this.jdbc = jdbc;
    this.properties = properties;
    this.outbox = outbox;
    this.json = json;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** More confirmation e-mails to one address than confirmation-limit per confirmation-window. */
  public static class TooManyConfirmations extends RuntimeException {
    private final java.time.Duration retryAfter;

    TooManyConfirmations(int limit, java.time.Duration window, java.time.Duration retryAfter) {
      super("At most " + limit + " confirmation e-mails go to one address per " + human(window)
          + "; ask again in " + human(retryAfter) + ".");
      this.retryAfter = retryAfter;
    }

    public java.time.Duration retryAfter() {
      return retryAfter;
    }

    private static String human(java.time.Duration d) {
      long minutes = Math.max(1, (d.getSeconds() + 59) / 60);
      return minutes % 60 == 0 ? (minutes / 60) + (minutes == 60 ? " hour" : " hours")
          : minutes + (minutes == 1 ? " minute" : " minutes");
    }
  }

  /** A webhook subscription: its secret only when it was created by this call. */
  public record WebhookSubscription(boolean created, String secret, String unsubscribeToken) {
  }

  /**
   * Starts an e-mail subscription and sends the confirmation link (again, if already pending). The
   * link goes out through the subscriber outbox: stored with the subscription, sent right after
   * commit and retried while SMTP is down, so it is not lost. At most confirmation-limit links go
   * to one address per confirmation-window; beyond that {@link TooManyConfirmations}, nothing sent.
   */
  public void subscribeEmail(String address) {
    new FieldChecks().check(address != null && address.length() <= 320 && EMAIL_ADDRESS.matcher(address.trim()).matches(),
        "email", "must be an e-mail address").throwIfAny();
    String normalized = address.trim().toLowerCase();
    ownTransaction.executeWithoutResult(status -> {
      Map<String, String> tokens = existing(EMAIL, normalized).orElseGet(() -> insert(EMAIL, normalized, null));
      if (tokens.get("confirmed") == null) {
        long id = Long.parseLong(tokens.get("id"));
        java.time.Instant now = clock.now();
        List<java.time.Instant> recent = outbox.queuedSince(id, "confirm@", now.minus(settings.getConfirmationWindow()));
        if (recent.size() >= settings.getConfirmationLimit()) {
          java.time.Duration wait = java.time.Duration.between(now,
              recent.get(recent.size() - settings.getConfirmationLimit()).plus(settings.getConfirmationWindow()));
          throw new TooManyConfirmations(settings.getConfirmationLimit(), settings.getConfirmationWindow(),
              wait.isNegative() ? java.time.Duration.ofSeconds(1) : wait);
        }
        outbox.enqueue(Long.parseLong(tokens.get("id")), new SubscriberOutbox.Notice(
            "confirm@" + clock.now().toEpochMilli(), "Confirm your status updates subscription",
            "Please confirm that you want e-mail updates about our service status:\n"
                + properties.getBaseUrl() + "/status/subscriptions/confirm?token=" + tokens.get("confirm")
                + "\n\nIf you did not ask for this, ignore this e-mail.", null), false);
      }
    });
  }

  /**
   * A webhook subscription: active at once. The secret its payloads are signed with is returned
   * only when this call created it; subscribing an existing URL again never reveals it.
   */
  public WebhookSubscription subscribeWebhook(String url) {
    URI uri = parseUrl(url);
    String normalized = uri.toString();
    boolean[] created = {false};
    Map<String, String> tokens = ownTransaction.execute(status -> existing(WEBHOOK, normalized)
        .orElseGet(() -> {
          created[0] = true;
          return insert(WEBHOOK, normalized, token());
        }));
    jdbc.sql("UPDATE subscriber SET confirmed_at = COALESCE(confirmed_at, ?) WHERE kind = ? AND address = ?")
        .params(clock.now().atOffset(ZoneOffset.UTC), WEBHOOK, normalized).update();
    return created[0] ? new WebhookSubscription(true, tokens.get("secret"), tokens.get("unsubscribe"))
        : new WebhookSubscription(false, null, null);
  }

  public boolean confirm(String token) {
    return jdbc.sql("UPDATE subscriber SET confirmed_at = COALESCE(confirmed_at, ?) WHERE confirm_token = ?")
        .params(clock.now().atOffset(ZoneOffset.UTC), token).update() == 1;
  }

  /**
   * The confirmed e-mail subscribers with their unsubscribe links, by address (an e-mail
   * subscription covers every component of the page).
   */
  public java.util.List<dev.firebreak.notify.CustomerAudience.Subscriber> confirmedEmail() {
    return jdbc.sql("SELECT address, unsubscribe_token FROM subscriber WHERE kind = ? AND confirmed_at IS NOT NULL ORDER BY address")
        .param(EMAIL).query((rs, row) -> new dev.firebreak.notify.CustomerAudience.Subscriber(rs.getString("address"),
            properties.getBaseUrl() + "/status/unsubscribe?token=" + rs.getString("unsubscribe_token"))).list();
  }

  public boolean unsubscribe(String token) {
    return jdbc.sql("DELETE FROM subscriber WHERE unsubscribe_token = ?").param(token).update() == 1;
  }

  /**
   * Queues a published update for every confirmed subscriber (once per delivery key: a retried
   * job queues nothing twice). The subscriber outbox sends it after commit and retries failures,
   * so a subscriber that is down never holds up the public status page; returns how many.
   */
  public int announce(String deliveryKey, StatusPage.PublicIncident incident, StatusPage.Update update) {
    return outbox.enqueueForConfirmed(new SubscriberOutbox.Notice(deliveryKey,
        "[" + update.phase() + "] " + incident.title(), incident.component() + ": " + update.message(),
        payload(incident, update)));
  }

  private String payload(StatusPage.PublicIncident incident, StatusPage.Update update) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("incident", Map.of("id", incident.id(), "name", incident.title(), "status", incident.status(),
        "impact", incident.impact(), "component", incident.component()));
    body.put("update", Map.of("status", update.phase(), "body", update.message(),
        "created_at", update.publishedAt().toString()));
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(String secret, String data) {
    return WebhookSender.sign(secret, data);
  }

  private Optional<Map<String, String>> existing(String kind, String address) {
    return jdbc.sql("SELECT id, confirm_token, unsubscribe_token, secret, confirmed_at FROM subscriber WHERE kind = ? AND address = ?")
        .params(kind, address)
        .query((rs, row) -> {
          Map<String, String> tokens = new LinkedHashMap<>();
          tokens.put("id", rs.getString("id"));
          tokens.put("confirm", rs.getString("confirm_token"));
          tokens.put("unsubscribe", rs.getString("unsubscribe_token"));
          tokens.put("secret", rs.getString("secret"));
          tokens.put("confirmed", rs.getString("confirmed_at"));
          return tokens;
        }).optional();
  }

  private Map<String, String> insert(String kind, String address, String secret) {
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("confirm", token());
    tokens.put("unsubscribe", token());
    tokens.put("secret", secret);
    tokens.put("confirmed", null);
    jdbc.sql("""
        INSERT INTO subscriber (kind, address, secret, confirm_token, unsubscribe_token, created_at)
        VALUES (?, ?, ?, ?, ?, ?)""")
        .params(kind, address, secret, tokens.get("confirm"), tokens.get("unsubscribe"),
            clock.now().atOffset(ZoneOffset.UTC))
        .update();
    tokens.put("id", String.valueOf(jdbc.sql("SELECT id FROM subscriber WHERE kind = ? AND address = ?")
        .params(kind, address).query(Long.class).single()));
    return tokens;
  }

  private URI parseUrl(String url) {
    FieldChecks checks = new FieldChecks();
    URI uri = null;
    try {
      uri = url == null ? null : URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      // reported below
    }
    Optional<String> refusal = targets.refusal(uri);
    checks.check(refusal.isEmpty(), "webhookUrl", refusal.orElse(""));
    checks.throwIfAny();
    return uri;
  }

  private static String token() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
