package dev.firebreak.statuspage;

import dev.firebreak.platform.resilience.Breakers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.time.Duration;
import java.util.Set;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.PushService;
import org.apache.http.Header;
import org.apache.http.client.methods.HttpPost;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.lang.JoseException;
import org.springframework.stereotype.Component;

/**
 * Sends one Web Push message: the payload encrypted for the subscription's keys (RFC 8291,
 * {@code aes128gcm}) and signed with Firebreak's VAPID key (RFC 8292), both by
 * {@code nl.martijndwars:web-push}; the request it prepares is sent here, through the circuit breaker
 * of the push service's host and only to an endpoint {@link WebhookTargets} allows (checked again at
 * every send). A 404 or 410 means the subscription is gone ({@link Gone}); no answer, a 5xx or 429 is a
 * failure to retry; another 4xx is final ({@link Rejected}).
 */
@Component
class PushSender {

  /** The push service says this subscription no longer exists (404, 410): unsubscribe it. */
  static class Gone extends RuntimeException {
    Gone(String message) {
      super(message);
    }
  }

  private static final Set<String> NOT_COPIED = Set.of("content-length", "host", "connection");

  static {
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  private final VapidKeys keys;
  private final Breakers breakers;
  private final WebhookTargets targets;
  private final StatusPageProperties.Push settings;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile PushService service;

  PushSender(VapidKeys keys, Breakers breakers, WebhookTargets targets, StatusPageProperties properties) {
    this.keys = keys;
    this.breakers = breakers;
    this.targets = targets;
    this.settings = properties.getPush();
  }

  /** The breaker guarding this endpoint's push service. */
  String breakerFor(String endpoint) {
    return breakers.subscriberWebhook(URI.create(endpoint));
  }

  void send(String endpoint, String p256dh, String auth, String payload) {
    targets.refusal(URI.create(endpoint)).ifPresent(reason -> {
      throw new WebhookSender.RefusedTarget("Not sent: the push endpoint " + reason);
    });
    HttpRequest request = prepare(endpoint, p256dh, auth, payload);
    String host = URI.create(endpoint).getHost();
    // only "the push service is down" (no answer, 5xx, 429) counts for its breaker; a 404 or 410 is a
    // healthy service's answer about one subscription
    int status = breakers.call(breakerFor(endpoint), "Push service " + host, () -> post(request));
    if (status == 404 || status == 410) {
      throw new Gone("Push service " + host + " answered " + status + ": the subscription is gone");
    }
    if (status >= 300) {
      throw new Rejected("Push service " + host + " refused the push: " + status);
    }
  }

  /** The push service refused this push for good (400, 403, 413, ...): retrying sends the same. */
  static class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message);
    }
  }

  private int post(HttpRequest request) {
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IllegalStateException("Push service " + request.uri().getHost() + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (response.statusCode() >= 500 || response.statusCode() == 429) {
      throw new IllegalStateException("Push service " + request.uri().getHost() + " answered " + response.statusCode());
    }
    return response.statusCode();
  }

  /** The encrypted, VAPID-signed request (a fresh salt, key and JWT on every attempt). */
  HttpRequest prepare(String endpoint, String p256dh, String auth, String payload) {
    try {
      Notification notification = new Notification(endpoint, p256dh, auth,
          payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), (int) settings.getTimeToLive().toSeconds()) {
        /** RFC 8292's audience is the endpoint's origin, with its port when not the default (the library drops it). */
        @Override
        public String getOrigin() {
          URI uri = URI.create(endpoint);
          return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }
      };
      HttpPost post = service().preparePost(notification, Encoding.AES128GCM);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      post.getEntity().writeTo(body);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
      for (Header header : post.getAllHeaders()) {
        if (!NOT_COPIED.contains(header.getName().toLowerCase())) {
          request.header(header.getName(), header.getValue());
        }
      }
      if (post.getEntity().getContentType() != null && post.getFirstHeader("Content-Type") == null) {
        request.header("Content-Type", post.getEntity().getContentType().getValue());
      }
      return request.build();
    } catch (GeneralSecurityException | JoseException | IOException | RuntimeException e) {
      throw new IllegalStateException("Push message not prepared: " + e.getMessage(), e);
    }
  }

  private PushService service() throws GeneralSecurityException {
    PushService known = service;
    if (known == null) {
      VapidKeys.Pair pair = keys.pair();
      known = new PushService(pair.publicKey(), pair.privateKey(), settings.getSubject());
      service = known;
    }
    return known;
  }
}
