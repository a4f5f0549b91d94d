package dev.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.platform.Browser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The outage banner for the product's own website and app (issue 17.1): banner.json and banner.js
 * are public, CORS-open, cacheable and cookie-free, hold only the public notice of the chosen
 * components in the asked language; in a real Chromium a shop page on another origin that includes
 * the one script tag shows no banner while all is operational, the banner (in Korean, the page's
 * language) for an active public incident, dismissible, and none again once it is resolved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StatusBannerIT {

  @LocalServerPort
  int port;
  @Autowired
  StatusPage statusPage;

  LifecycleClient client;
  HttpServer shop;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() throws Exception {
    client = new LifecycleClient(port);
    // the customer's website: another origin (127.0.0.1 and its own port) than Firebreak (localhost)
    shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    shop.createContext("/", exchange -> {
      String query = exchange.getRequestURI().getQuery();
      String components = query != null && query.startsWith("components=") ? query.substring(11) : "payments";
      String page = """
          <!DOCTYPE html><html lang="ko"><head><meta charset="UTF-8"><title>Shop</title>
          <style>:root { --firebreak-banner-background: rgb(10, 20, 30); }</style></head>
          <body><h1>온라인 상점</h1><p>Welcome to the shop.</p>
          <script id="status" src="http://localhost:%d/status/banner.js" data-components="%s" async></script>
          </body></html>""".formatted(port, components);
      byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    shop.start();
  }

  @AfterEach
  void stop() {
    shop.stop(0);
  }

  @Test
  void aShopPageOnAnotherOriginShowsTheBannerOnlyWhileAPublicIncidentIsActive() throws Exception {
    HttpResponse<String> calm = get("/status/banner.json?components=payments&language=en", null);
    assertThat(calm.statusCode()).isEqualTo(200);
    assertThat(json.readTree(calm.body()).path("notices")).isEmpty();
    assertThat(json.readTree(calm.body()).path("status").asText()).isEqualTo("operational");

    try (Browser browser = Browser.open(1000, 700)) {
      String shopUrl = "http://127.0.0.1:" + shop.getAddress().getPort() + "/";
      browser.go(shopUrl);
      awaitState(browser, "none");
      assertThat(bannerText(browser)).as("no banner while all is operational").isNull();

      String key = declare("Payments DB pool exhausted on db-primary-7");
      statusPage.publish(key, "investigating", "Payments unavailable",
          "Payments are failing for some customers. We are investigating.", "banner-it-1", true);

      browser.go(shopUrl);
      awaitState(browser, "shown");
      String text = bannerText(browser);
      assertThat(text).contains("Payments unavailable", "Payments are failing for some customers.",
          "상태 페이지에서 자세히 보기", "Payments · ");
      assertThat(text).doesNotContain("db-primary-7", "responder", key);
      assertThat(browser.script("return document.querySelector('#firebreak-status-banner').shadowRoot"
          + ".querySelector('button').getAttribute('aria-label');").asText()).isEqualTo("닫기");
      assertThat(browser.script("return getComputedStyle(document.querySelector('#firebreak-status-banner')"
          + ".shadowRoot.querySelector('.banner')).backgroundColor;").asText())
          .as("the site's CSS variable styles the banner").isEqualTo("rgb(10, 20, 30)");
      assertThat(browser.script("return document.cookie;").asText()).isEmpty();
      browser.screenshot("status-banner.png");

      // dismissed: gone, and stays gone for this tab while the notice is the same
      browser.script("document.querySelector('#firebreak-status-banner').shadowRoot.querySelector('button').click();");
      assertThat(bannerText(browser)).isNull();
      browser.go(shopUrl);
      awaitState(browser, "dismissed");
      assertThat(bannerText(browser)).isNull();

      // a site that includes only another component sees nothing
      browser.go(shopUrl + "?components=search");
      awaitState(browser, "none");
      assertThat(bannerText(browser)).isNull();

      statusPage.publish(key, "resolved", null, "Payments is available again.", "banner-it-2", true);
      browser.script("sessionStorage.clear();");
      browser.go(shopUrl);
      awaitState(browser, "none");
      assertThat(bannerText(browser)).as("resolved: no banner").isNull();
    }
  }

  @Test
  void bannerJsonIsPublicCacheableCorsOpenCookieFreeAndHoldsNothingInternal() throws Exception {
    String key = declare("Checkout broken by deploy 4711 (internal)");
    statusPage.publish(key, "identified", "Checkout slow", "Some payments take longer than usual.", "banner-it-3",
        true);

    HttpResponse<String> answer = get("/status/banner.json?components=checkout,payments&language=ko", null);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
    assertThat(answer.headers().firstValue("Set-Cookie")).as("no cookies").isEmpty();
    String etag = answer.headers().firstValue("ETag").orElseThrow();
    JsonNode banner = json.readTree(answer.body());
    assertThat(banner.path("language").asText()).isEqualTo("ko");
    assertThat(banner.path("words").path("dismiss").asText()).isEqualTo("닫기");
    assertThat(banner.path("stale").asBoolean()).isFalse();
    JsonNode notice = banner.path("notices").get(0);
    assertThat(notice.path("title").asText()).isEqualTo("Checkout slow");
    assertThat(notice.path("phase_label").asText()).isEqualTo("원인 확인");
    assertThat(notice.path("message").asText()).isEqualTo("Some payments take longer than usual.");
    assertThat(notice.path("components").get(0).path("id").asText()).isEqualTo("checkout");
    assertThat(notice.path("url").asText()).endsWith("/status#" + key.toLowerCase());
    assertThat(answer.body()).doesNotContain("4711", "internal", "responder", "INC-");

    // unchanged: 304 with the same tag; English on request, or by the browser's Accept-Language
    HttpResponse<String> again = get("/status/banner.json?components=checkout,payments&language=ko", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    HttpResponse<String> english = get("/status/banner.json?components=checkout", null, "en-US,en;q=0.9");
    assertThat(json.readTree(english.body()).path("words").path("dismiss").asText()).isEqualTo("Dismiss");
    assertThat(english.headers().firstValue("ETag")).isNotEqualTo(answer.headers().firstValue("ETag"));
    assertThat(json.readTree(get("/status/banner.json?components=search", null).body()).path("notices")).isEmpty();
    assertThat(json.readTree(get("/status/banner.json", null).body()).path("notices")).hasSize(1);

    HttpResponse<String> script = get("/status/banner.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    assertThat(script.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(script.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(script.body()).contains("banner.json").doesNotContain("Checkout slow");
    assertThat(get("/status/banner.js", script.headers().firstValue("ETag").orElseThrow()).statusCode())
        .isEqualTo(304);
  }

  private String declare(String internalTitle) {
    var declared = client.post("responder", "/api/incidents", Map.of("title", internalTitle,
        "service", internalTitle.startsWith("Checkout") ? "checkout" : "payments", "incidentType", "outage",
        "impactScope", "all-users", "description", "internal: pool size 10"));
    assertThat(declared.status()).as(declared.body().toString()).isIn(200, 201);
    return declared.body().path("incident").path("key").asText();
  }

  private static String bannerText(Browser browser) {
    return browser.script("var host = document.querySelector('#firebreak-status-banner');"
        + " return host ? host.shadowRoot.textContent : null;").asText(null);
  }

  private static void awaitState(Browser browser, String state) throws InterruptedException {
    browser.await(Duration.ofSeconds(15), "banner script " + state, () -> state.equals(
        browser.script("var s = document.getElementById('status'); return s ? s.getAttribute('data-state') : null;")
            .asText(null)));
  }

  private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
    return get(path, ifNoneMatch, null);
  }

  private HttpResponse<String> get(String path, String ifNoneMatch, String acceptLanguage) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Origin", "http://127.0.0.1:1");
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    if (acceptLanguage != null) {
      request.header("Accept-Language", acceptLanguage);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
