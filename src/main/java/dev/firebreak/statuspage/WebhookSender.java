package dev.firebreak.statuspage;

import dev.firebreak.platform.time.EngineClock;

import dev.firebreak.platform.resilience.Breakers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * POSTs a JSON body to a webhook subscriber, signed with HMAC-SHA256 of "timestamp.body" under the
 * subscriber's secret (signed at send time, so a retried delivery carries a fresh, valid signature).
 * Every call goes through the circuit breaker of the subscriber's endpoint (configured as
 * "subscriber-webhooks"); a non-2xx answer is a failure. Before every call the URL is checked
 * again ({@link WebhookTargets}): a URL that now resolves to an inside address is never called.
 */
@Component
class WebhookSender {

  static final String SIGNATURE_HEADER = "X-Firebreak-Signature";
  static final String TIMESTAMP_HEADER = "X-Firebreak-Timestamp";

  private final Breakers breakers;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final EngineClock clock;
  private final WebhookTargets targets;

  WebhookSender(Breakers breakers, EngineClock clock, WebhookTargets targets) {
    this.clock = clock;
    this.breakers = breakers;
    this.targets = targets;
  }

  /** Refused before sending: the subscriber's URL is not (any more) one Firebreak may call. */
  static class RefusedTarget extends RuntimeException {
    RefusedTarget(String message) {
      super(message);
    }
  }

  void post(String url, String secret, String body) {
    targets.refusal(URI.create(url)).ifPresent(reason -> {
      throw new RefusedTarget("Not sent: the webhook subscriber URL " + reason);
    });
    breakers.run(breakerFor(url), "Webhook subscriber " + URI.create(url).getHost(), () -> send(url, secret, body));
  }

  /** The name of the circuit breaker guarding this subscriber's endpoint. */
  String breakerFor(String url) {
    return breakers.subscriberWebhook(URI.create(url));
  }

  private void send(String url, String secret, String body) {
    String timestamp = String.valueOf(clock.now().getEpochSecond());
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header(TIMESTAMP_HEADER, timestamp)
        .header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp + "." + body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("Webhook subscriber " + url + " answered " + response.statusCode());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Webhook subscriber " + url + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String sign(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
