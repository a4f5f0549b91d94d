package dev.firebreak.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/** Checks the bearer token (constant time) and Grafana's HMAC signature with its replay window. */
@Component
class WebhookAuthentication {

  /** Why a webhook was refused. */
  static class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private final IntakeProperties properties;

  WebhookAuthentication(IntakeProperties properties) {
    this.properties = properties;
  }

  void checkToken(HttpServletRequest request) {
    String expected = properties.getToken();
    if (expected == null || expected.isBlank()) {
      throw new Refused("Alert webhooks are disabled: set firebreak.intake.token (FIREBREAK_INTAKE_TOKEN)");
    }
    String header = request.getHeader("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    if (!constantTimeEquals(expected, presented)) {
      throw new Refused("Missing or wrong bearer token");
    }
  }

  void checkGrafanaSignature(HttpServletRequest request, byte[] body, Instant now) {
    IntakeProperties.Grafana grafana = properties.getGrafana();
    if (grafana.getHmacSecret() == null || grafana.getHmacSecret().isBlank()) {
      return;
    }
    String signature = request.getHeader(grafana.getSignatureHeader());
    String timestamp = request.getHeader(grafana.getTimestampHeader());
    if (signature == null || signature.isBlank()) {
      throw new Refused("Missing signature header " + grafana.getSignatureHeader());
    }
    if (timestamp == null || timestamp.isBlank()) {
      throw new Refused("Missing timestamp header " + grafana.getTimestampHeader());
    }
    Instant signedAt;
    try {
      signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
    } catch (NumberFormatException e) {
      throw new Refused("Timestamp header must be Unix seconds");
    }
    if (Duration.between(signedAt, now).abs().compareTo(grafana.getReplayWindow()) > 0) {
      throw new Refused("Signature timestamp is outside the " + grafana.getReplayWindow().toMinutes() + "-minute window");
    }
    byte[] signed = concat((timestamp.trim() + ":").getBytes(StandardCharsets.UTF_8), body);
    String expected = hmacHex(grafana.getHmacSecret(), signed);
    if (!constantTimeEquals(expected, signature.trim().toLowerCase())) {
      throw new Refused("Signature does not match the body");
    }
  }

  static String hmacHex(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean constantTimeEquals(String expected, String presented) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
