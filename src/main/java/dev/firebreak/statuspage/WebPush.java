package dev.firebreak.statuspage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.web.FieldChecks;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Web Push subscriptions of status page visitors: a browser's push subscription (endpoint and keys)
 * and the components it follows. Every public notice of one of those components (incident update,
 * maintenance notice) is queued for it in the publishing transaction and sent by {@link PushOutbox}.
 * Nothing internal is in a push: the public title, phase, component and the published text.
 */
@Service
public class WebPush {

  /** What a visitor's browser gave us: PushSubscription.toJSON() and the chosen components. */
  public record Subscription(String endpoint, String p256dh, String auth, List<String> components) {
  }

  private static final int MAX_TEXT = 700;

  private final JdbcClient jdbc;
  private final PushOutbox outbox;
  private final WebhookTargets targets;
  private final ServiceCatalog catalog;
  private final EngineClock clock;
  private final ObjectMapper json;
  private final Texts texts;
  private final VapidKeys keys;
  private final String baseUrl;

  WebPush(JdbcClient jdbc, PushOutbox outbox, WebhookTargets targets, ServiceCatalog catalog, EngineClock clock,
      ObjectMapper json, Texts texts, VapidKeys keys, dev.firebreak.platform.config.FirebreakProperties properties) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.targets = targets;
    this.catalog = catalog;
    this.clock = clock;
    this.json = json;
    this.texts = texts;
    this.keys = keys;
    this.baseUrl = properties.getBaseUrl();
  }

  /** The VAPID public key a browser subscribes with (applicationServerKey). */
  public String applicationServerKey() {
    return keys.pair().publicKey();
  }

  /** The components a visitor may follow: id (as on the page and in banner.json) and name. */
  public Map<String, String> components() {
    Map<String, String> components = new LinkedHashMap<>();
    for (String service : catalog.names()) {
      String name = catalog.find(service).map(s -> s.getComponent()).filter(c -> c != null && !c.isBlank())
          .orElse(service);
      components.put(StatusPage.slug(name), name);
    }
    return components;
  }

  /**
   * Subscribes (or re-subscribes: the same endpoint gets the new keys and components). Refused with
   * 400 when the endpoint is not an https URL of a public host, the keys are not a P-256 point and a
   * 16-byte secret, or a component is unknown.
   */
  @Transactional
  public void subscribe(Subscription subscription) {
    FieldChecks checks = new FieldChecks();
    URI endpoint = null;
    try {
      endpoint = subscription.endpoint() == null || subscription.endpoint().length() > 1000 ? null
          : URI.create(subscription.endpoint().trim());
    } catch (IllegalArgumentException e) {
      // reported below
    }
    Optional<String> refusal = targets.refusal(endpoint);
    checks.check(refusal.isEmpty(), "endpoint", refusal.orElse(""));
    checks.check(decodedLength(subscription.p256dh()) == 65 && subscription.p256dh().length() <= 200, "keys.p256dh",
        "must be the browser's P-256 public key (base64url, 65 bytes)");
    checks.check(decodedLength(subscription.auth()) == 16, "keys.auth",
        "must be the browser's authentication secret (base64url, 16 bytes)");
    Set<String> chosen = new LinkedHashSet<>(subscription.components() == null ? List.of() : subscription.components());
    Map<String, String> known = components();
    checks.check(!chosen.isEmpty() && known.keySet().containsAll(chosen), "components",
        "must name one or more of " + String.join(", ", known.keySet()));
    checks.throwIfAny();
    String address = endpoint.toString();
    jdbc.sql("DELETE FROM push_subscription WHERE endpoint = ?").param(address).update();
    jdbc.sql("INSERT INTO push_subscription (endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?)")
        .params(address, subscription.p256dh(), subscription.auth(), clock.now().atOffset(ZoneOffset.UTC)).update();
    long id = jdbc.sql("SELECT id FROM push_subscription WHERE endpoint = ?").param(address).query(Long.class).single();
    for (String component : chosen) {
      jdbc.sql("INSERT INTO push_subscription_component (subscription_id, component) VALUES (?, ?)")
          .params(id, component).update();
    }
  }

  /** Ends the subscription of this endpoint (the endpoint, known only to the browser, is the credential). */
  @Transactional
  public boolean unsubscribe(String endpoint) {
    return endpoint != null && jdbc.sql("DELETE FROM push_subscription WHERE endpoint = ?").param(endpoint.trim())
        .update() == 1;
  }

  /** The components this endpoint follows (empty when it is not subscribed). */
  public List<String> following(String endpoint) {
    return jdbc.sql("""
        SELECT c.component FROM push_subscription_component c JOIN push_subscription s ON s.id = c.subscription_id
        WHERE s.endpoint = ? ORDER BY c.component""").param(endpoint).query(String.class).list();
  }

  /** Queues a published incident update for the subscriptions that follow its component; returns how many. */
  int announce(String deliveryKey, StatusPage.PublicIncident incident, StatusPage.Update update) {
    String component = StatusPage.slug(incident.component());
    return queue(deliveryKey, List.of(component), texts.get("push.incident.title",
        texts.get("phase." + update.phase()), incident.title()), incident.component() + ": " + update.message(),
        incident.id());
  }

  /** Queues a maintenance notice for the subscriptions that follow one of its components; returns how many. */
  int announceMaintenance(String deliveryKey, List<String> componentNames, String title, String phase, String text,
      String id) {
    return queue(deliveryKey, componentNames.stream().map(StatusPage::slug).toList(),
        texts.get("push.incident.title", texts.get("phase." + phase), title),
        String.join(", ", componentNames) + ": " + text, id);
  }

  private int queue(String deliveryKey, List<String> components, String title, String body, String anchor) {
    if (components.isEmpty()) {
      return 0;
    }
    String in = String.join(",", components.stream().map(c -> "?").toList());
    List<Long> ids = jdbc.sql("SELECT DISTINCT subscription_id FROM push_subscription_component WHERE component IN ("
        + in + ") ORDER BY subscription_id").params(components.toArray()).query(Long.class).list();
    if (ids.isEmpty()) {
      return 0;
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("title", clip(title, 200));
    payload.put("body", clip(body, MAX_TEXT));
    payload.put("url", baseUrl + "/status#" + anchor);
    payload.put("tag", anchor);
    try {
      return outbox.enqueue(ids, clip("push@" + deliveryKey, 200), json.writeValueAsString(payload));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int decodedLength(String base64url) {
    if (base64url == null || base64url.length() > 200) {
      return -1;
    }
    try {
      return Base64.getUrlDecoder().decode(base64url.trim().replace("=", "")).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
