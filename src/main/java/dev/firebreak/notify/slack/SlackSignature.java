package dev.firebreak.notify.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature: {@code v0=HMAC-SHA256(signingSecret, "v0:" + timestamp + ":" + rawBody)}
 * in X-Slack-Signature, the Unix time in X-Slack-Request-Timestamp; older than five minutes (or as
 * far in the future) is a replay. Compared in constant time.
 */
final class SlackSignature {

  static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  static final String SIGNATURE_HEADER = "X-Slack-Signature";
  static final Duration WINDOW = Duration.ofMinutes(5);

  private SlackSignature() {
  }

  /** Why the request is refused, or null when it is genuine and fresh. */
  static String problem(String secret, String timestamp, String signature, byte[] body, Instant now) {
    if (secret == null || secret.isBlank()) {
      return "Slack interactions are off: set firebreak.slack.signing-secret";
    }
    if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
      return "The request has no Slack signature (" + SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER + ")";
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return "The Slack request timestamp is not a Unix time";
    }
    if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
      return "The Slack request is older than five minutes (or from the future): refused as a possible replay";
    }
    byte[] expected = sign(secret, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = signature.trim().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, actual)) {
      return "The Slack signature does not match: check firebreak.slack.signing-secret";
    }
    return null;
  }

  static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
