package dev.firebreak.statuspage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.firebreak.incident.LifecycleClient;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Web Push (issue 17.2) against WireMock as the push service: a visitor's browser subscription for
 * a component gets every public notice of that component — encrypted for its keys (RFC 8291; the
 * test decrypts it with the subscription's private key and auth secret) and signed with Firebreak's
 * VAPID key (RFC 8292; the test checks the JWT against the key the page hands out) — and nothing of
 * other components; a push service error is retried by the outbox; an endpoint that answers 410 or
 * 404 is unsubscribed. In Chromium: the subscription page lists the components and registers its
 * service worker on /status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // WireMock is the push service: http on 127.0.0.1
    "firebreak.status-page.subscribers.allow-http=true",
    "firebreak.status-page.subscribers.allow-private-addresses=true",
    // the outbox's own thread waits; the test sends at once (dispatchDue)
    "firebreak.status-page.push.poll-interval=1h"})
@DirtiesContext
class WebPushIT {

  static final SecureRandom RANDOM = new SecureRandom();

  @LocalServerPort
  int port;
  @Autowired
  StatusPage statusPage;
  @Autowired
  PushOutbox pushOutbox;
  @Autowired
  WebPush webPush;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  VapidKeys vapidKeys;

  WireMockServer pushService;
  LifecycleClient client;
  final ObjectMapper json = new ObjectMapper();

  /** A browser's push subscription: its P-256 key pair and auth secret. */
  record Subscriber(String endpoint, KeyPair keys, byte[] auth) {
    Map<String, Object> json(List<String> components) {
      return Map.of("endpoint", endpoint, "expirationTime", "", "keys", Map.of("p256dh", b64(point(keys)), "auth",
          b64(auth)), "components", components);
    }
  }

  @BeforeEach
  void start() {
    pushService = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    pushService.start();
    pushService.stubFor(post(urlEqualTo("/push/reader")).willReturn(aResponse().withStatus(201)));
    pushService.stubFor(post(urlEqualTo("/push/other")).willReturn(aResponse().withStatus(201)));
    pushService.stubFor(post(urlEqualTo("/push/gone")).willReturn(aResponse().withStatus(410)));
    pushService.stubFor(post(urlEqualTo("/push/expired")).willReturn(aResponse().withStatus(404)));
    pushService.stubFor(post(urlEqualTo("/push/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    pushService.stubFor(post(urlEqualTo("/push/flaky")).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(201)));
    client = new LifecycleClient(port);
  }

  @AfterEach
  void stop() {
    pushService.stop();
    ClockUtil.reset();
  }

  @Test
  void everyPublicNoticeOfAFollowedComponentIsPushedEncryptedAndSignedRetriedAndGoneEndpointsUnsubscribed()
      throws Exception {
    Subscriber reader = browser("/push/reader");
    Subscriber other = browser("/push/other");
    Subscriber gone = browser("/push/gone");
    Subscriber expired = browser("/push/expired");
    Subscriber flaky = browser("/push/flaky");
    assertThat(subscribe(reader, List.of("payments"))).isEqualTo(201);
    assertThat(subscribe(other, List.of("search"))).isEqualTo(201);
    assertThat(subscribe(gone, List.of("payments", "search"))).isEqualTo(201);
    assertThat(subscribe(expired, List.of("payments"))).isEqualTo(201);
    assertThat(subscribe(flaky, List.of("payments"))).isEqualTo(201);
    // refused: an unknown component, keys that are not a P-256 point and a 16-byte secret
    assertThat(subscribe(browser("/push/x"), List.of("no-such-component"))).isEqualTo(400);
    var badKeys = client.post(null, "/status/push/subscriptions", Map.of("endpoint", pushUrl("/push/y"),
        "keys", Map.of("p256dh", "AAAA", "auth", "BBBB"), "components", List.of("payments")));
    assertThat(badKeys.status()).isEqualTo(400);
    assertThat(badKeys.contentType()).startsWith("application/problem+json");
    assertThat(badKeys.body().toString()).contains("keys.p256dh", "keys.auth");

    var declared = client.post("responder", "/api/incidents", Map.of("title", "db-primary-7 pool exhausted",
        "service", "payments", "incidentType", "outage", "impactScope", "all-users",
        "description", "internal: connection pool 10/10"));
    String key = declared.body().path("incident").path("key").asText();
    statusPage.publish(key, "investigating", "Payments unavailable",
        "Payments are failing for some customers. We are investigating.", "push-it-1", true);

    // sent after commit (the outbox's thread) or by this round, whichever comes first
    pushOutbox.dispatchDue();
    List<LoggedRequest> toReader = awaitPushes("/push/reader", 1);
    awaitPushes("/push/flaky", 1);
    awaitPushes("/push/gone", 1);
    awaitPushes("/push/expired", 1);
    pushOutbox.dispatchDue(); // waits for a round the outbox's thread may still be in
    LoggedRequest push = toReader.get(0);
    assertThat(push.getHeader("Content-Encoding")).isEqualTo("aes128gcm");
    assertThat(Long.parseLong(push.getHeader("TTL"))).isPositive();
    verifyVapid(push.getHeader("Authorization"));
    JsonNode payload = json.readTree(decrypt(push.getBody(), reader));
    assertThat(payload.path("title").asText()).isEqualTo("[Investigating] Payments unavailable");
    assertThat(payload.path("body").asText()).isEqualTo("Payments: Payments are failing for some customers. We are "
        + "investigating.");
    assertThat(payload.path("url").asText()).endsWith("/status#" + key.toLowerCase());
    assertThat(payload.toString()).doesNotContain("db-primary-7", "pool 10/10", "responder");

    assertThat(pushService.findAll(postRequestedFor(urlEqualTo("/push/other")))).as("follows only search").isEmpty();
    assertThat(webPush.following(gone.endpoint())).as("410: unsubscribed").isEmpty();
    assertThat(webPush.following(expired.endpoint())).as("404: unsubscribed").isEmpty();
    assertThat(webPush.following(reader.endpoint())).containsExactly("payments");

    // the push service was unavailable for flaky: retried after the backoff, then delivered once
    Map<String, Object> row = jdbc.sql("""
        SELECT o.attempts, o.sent_at, o.last_error FROM push_outbox o JOIN push_subscription s ON s.id = o.subscription_id
        WHERE s.endpoint = ?""").param(flaky.endpoint()).query().singleRow();
    assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
    assertThat(row.get("sent_at")).isNull();
    assertThat((String) row.get("last_error")).contains("503");
    assertThat(pushOutbox.dispatchDue()).as("not yet due").isZero();
    assertThat(pushService.findAll(postRequestedFor(urlEqualTo("/push/flaky")))).hasSize(1);
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(pushOutbox.backoff(1)).plusSeconds(1)));
    assertThat(pushOutbox.dispatchDue()).isEqualTo(1);
    List<LoggedRequest> toFlaky = awaitPushes("/push/flaky", 2);
    assertThat(json.readTree(decrypt(toFlaky.get(1).getBody(), flaky)).path("title").asText())
        .isEqualTo("[Investigating] Payments unavailable");
    assertThat(pushOutbox.dispatchDue()).as("sent once").isZero();

    // a retried publishing job pushes nothing twice; the next notice is pushed; unsubscribing ends it
    statusPage.publish(key, "investigating", "Payments unavailable", "again", "push-it-1", true);
    pushOutbox.dispatchDue();
    statusPage.publish(key, "resolved", null, "Payments is available again.", "push-it-2", true);
    pushOutbox.dispatchDue();
    List<LoggedRequest> later = awaitPushes("/push/reader", 2);
    awaitPushes("/push/flaky", 3);
    Thread.sleep(300);
    assertThat(pushService.findAll(postRequestedFor(urlEqualTo("/push/reader")))).as("the retried job: once")
        .hasSize(2);
    assertThat(json.readTree(decrypt(later.get(1).getBody(), reader)).path("title").asText())
        .isEqualTo("[Resolved] Payments unavailable");
    // a maintenance notice of a followed component is a public notice too
    Instant from = Instant.now().plus(Duration.ofDays(1));
    var maintenance = client.post("comms", "/api/maintenance", Map.of("title", "Database upgrade",
        "description", "Payments pause for ten minutes.", "components", List.of("payments"),
        "scheduledFor", from.toString(), "scheduledUntil", from.plus(Duration.ofHours(1)).toString()));
    assertThat(maintenance.status()).as(maintenance.body().toString()).isEqualTo(201);
    pushOutbox.dispatchDue();
    JsonNode announced = json.readTree(decrypt(awaitPushes("/push/reader", 3).get(2).getBody(), reader));
    assertThat(announced.path("title").asText()).isEqualTo("[Scheduled] Database upgrade");
    assertThat(announced.path("body").asText()).startsWith("Payments: ");
    assertThat(pushService.findAll(postRequestedFor(urlEqualTo("/push/other")))).as("search only, still").isEmpty();

    assertThat(client.post(null, "/status/push/unsubscribe", Map.of("endpoint", reader.endpoint())).status())
        .isEqualTo(204);
    assertThat(webPush.following(reader.endpoint())).isEmpty();
  }

  @Test
  void theVapidKeyIsGeneratedOnceAndStored() {
    VapidKeys.Pair pair = vapidKeys.pair();
    Map<String, Object> stored = jdbc.sql("SELECT public_key, private_key FROM push_vapid_key").query().singleRow();
    assertThat(stored.get("public_key")).isEqualTo(pair.publicKey());
    assertThat(Base64.getUrlDecoder().decode(pair.publicKey())).hasSize(65);
    StatusPageProperties fresh = new StatusPageProperties();
    assertThat(new VapidKeys(jdbc, fresh, new dev.firebreak.platform.time.EngineClock()).pair())
        .as("another node reads the stored pair").isEqualTo(pair);
    fresh.getPush().setVapidPublicKey("configured-public");
    fresh.getPush().setVapidPrivateKey("configured-private");
    assertThat(new VapidKeys(jdbc, fresh, new dev.firebreak.platform.time.EngineClock()).pair().publicKey())
        .as("configured keys win").isEqualTo("configured-public");
  }

  @Test
  void theSubscriptionPageRegistersItsServiceWorkerOnStatus() throws Exception {
    try (dev.firebreak.platform.Browser browser = dev.firebreak.platform.Browser.open(900, 900)) {
      browser.go("http://localhost:" + port + "/status/push?lang=ko");
      browser.await(Duration.ofSeconds(20), "service worker registered", () -> "registered".equals(
          browser.script("return document.getElementById('push-form').dataset.worker || null;").asText(null)));
      browser.script("navigator.serviceWorker.getRegistration('/status').then(function (r) {"
          + " window.scope = r ? r.scope : 'none'; });");
      browser.await(Duration.ofSeconds(10), "registration read", () -> !browser.script("return window.scope || null;")
          .isNull());
      assertThat(browser.script("return window.scope;").asText()).isEqualTo("http://localhost:" + port + "/status");
      assertThat(browser.script("return Array.prototype.map.call(document.querySelectorAll("
          + "'input[name=component]'), function (b) { return b.value; }).join(',');").asText())
          .contains("payments", "search", "checkout");
      assertThat(browser.text("#push-subscribe")).isEqualTo("알림 받기");
      assertThat(browser.script("return document.querySelector('#push-form').dataset.key;").asText())
          .isEqualTo(vapidKeys.pair().publicKey());
      browser.click("#push-subscribe");
      browser.await(Duration.ofSeconds(5), "asks for a component",
          () -> "구성 요소를 하나 이상 선택하세요.".equals(browser.text("#push-message")));
      browser.screenshot("status-push.png");
    }
    var worker = client.get(null, "/status/push-worker.js");
    assertThat(worker.status()).isEqualTo(200);
    assertThat(worker.contentType()).startsWith("text/javascript");
  }

  // --- the browser side of RFC 8291 and RFC 8292, written from the RFCs (not the library under test) ---

  private Subscriber browser(String path) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] auth = new byte[16];
    RANDOM.nextBytes(auth);
    return new Subscriber(pushUrl(path), generator.generateKeyPair(), auth);
  }

  private List<LoggedRequest> awaitPushes(String path, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<LoggedRequest> found = pushService.findAll(postRequestedFor(urlEqualTo(path)));
    while (found.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
      pushOutbox.dispatchDue();
      found = pushService.findAll(postRequestedFor(urlEqualTo(path)));
    }
    assertThat(found).as("pushes to %s", path).hasSize(count);
    return found;
  }

  private String pushUrl(String path) {
    return "http://127.0.0.1:" + pushService.port() + path;
  }

  private int subscribe(Subscriber browser, List<String> components) {
    return client.post(null, "/status/push/subscriptions", browser.json(components)).status();
  }

  /** RFC 8292: "vapid t=JWT, k=key": ES256 by that key, which is the one the page hands out; aud the push origin. */
  private void verifyVapid(String authorization) throws Exception {
    assertThat(authorization).startsWith("vapid ");
    Map<String, String> parts = new java.util.HashMap<>();
    for (String part : authorization.substring(6).split(",")) {
      String[] pair = part.trim().split("=", 2);
      parts.put(pair[0], pair[1]);
    }
    assertThat(parts.get("k")).isEqualTo(webPush.applicationServerKey());
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(parts.get("t"));
    jws.setKey(publicKey(Base64.getUrlDecoder().decode(parts.get("k"))));
    assertThat(jws.verifySignature()).as("VAPID JWT signed by the application server key").isTrue();
    JwtClaims claims = JwtClaims.parse(jws.getPayload());
    assertThat(claims.getAudience()).containsExactly("http://127.0.0.1:" + pushService.port());
    assertThat(claims.getSubject()).startsWith("mailto:");
    assertThat(claims.getExpirationTime().getValueInMillis()).isGreaterThan(System.currentTimeMillis());
  }

  /** RFC 8291 with RFC 8188 aes128gcm: what the browser does with a push it receives. */
  static String decrypt(byte[] body, Subscriber browser) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int recordSize = in.getInt();
    byte[] serverKey = new byte[in.get() & 0xff];
    in.get(serverKey);
    byte[] ciphertext = new byte[in.remaining()];
    in.get(ciphertext);
    assertThat(ciphertext.length).isLessThanOrEqualTo(recordSize);
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(browser.keys().getPrivate());
    agreement.doPhase(publicKey(serverKey), true);
    byte[] ecdhSecret = agreement.generateSecret();
    byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), point(browser.keys()), serverKey);
    byte[] ikm = hkdf(browser.auth(), ecdhSecret, keyInfo, 32);
    byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = cipher.doFinal(ciphertext);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    assertThat(padded[end]).as("last record delimiter").isEqualTo((byte) 2);
    return new String(padded, 0, end, StandardCharsets.UTF_8);
  }

  /** HKDF-SHA256 (RFC 5869), one block: enough for 32 bytes and less. */
  static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update(info);
    mac.update((byte) 1);
    return Arrays.copyOf(mac.doFinal(), length);
  }

  static PublicKey publicKey(byte[] point) throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
        new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
  }

  static byte[] point(KeyPair keys) {
    ECPublicKey key = (ECPublicKey) keys.getPublic();
    return concat(new byte[] {4}, VapidKeys.unsigned(key.getW().getAffineX()), VapidKeys.unsigned(key.getW().getAffineY()));
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      out.put(part);
    }
    return out.array();
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
