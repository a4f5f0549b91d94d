package dev.firebreak.statuspage;

import dev.firebreak.platform.i18n.Languages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outage banner for the product's own website and app: {@code /status/banner.js} (one script tag
 * a site includes) and {@code /status/banner.json} (what the script and mobile apps read). Public,
 * open to every origin for GET (CORS {@code *}, no credentials: nothing here depends on who asks),
 * cacheable ({@code ETag}, {@code Cache-Control}), never a cookie or a session; while the database is
 * away the JSON is the status page's last good rendering ({@code "stale": true}).
 */
@RestController
class BannerController {

  static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

  private final Banner banner;
  private final StatusPageProperties.Banner settings;
  private final String script;
  private final String scriptTag;

  BannerController(Banner banner, StatusPageProperties properties) {
    this.banner = banner;
    this.settings = properties.getBanner();
    try (InputStream in = new ClassPathResource("statuspage/banner.js").getInputStream()) {
      this.script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.scriptTag = Banner.etag(script);
  }

  @GetMapping("/status/banner.js")
  ResponseEntity<String> script(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    return answer(script, scriptTag, JAVASCRIPT, ifNoneMatch, settings.getMaxAge().multipliedBy(10).toSeconds());
  }

  /**
   * {@code components}: component ids, comma-separated (none: every component); {@code language}:
   * en or ko (else the browser's Accept-Language, else the configured language).
   */
  @GetMapping("/status/banner.json")
  ResponseEntity<String> json(@RequestParam(required = false) String components,
      @RequestParam(required = false) String language,
      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    Banner.Rendering rendering = banner.render(components, language(language, acceptLanguage));
    return answer(rendering.body(), rendering.etag(), MediaType.APPLICATION_JSON, ifNoneMatch,
        settings.getMaxAge().toSeconds());
  }

  private static Locale language(String asked, String acceptLanguage) {
    if (asked != null && !asked.isBlank()) {
      return Languages.supported(Locale.forLanguageTag(asked.trim()));
    }
    if (acceptLanguage != null && !acceptLanguage.isBlank()) {
      try {
        Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), Languages.SUPPORTED);
        if (best != null) {
          return best;
        }
      } catch (IllegalArgumentException malformed) {
        // the configured language below
      }
    }
    return null;
  }

  private static ResponseEntity<String> answer(String body, String etag, MediaType type, String ifNoneMatch,
      long maxAge) {
    HttpHeaders headers = new HttpHeaders();
    headers.setETag(etag);
    headers.setCacheControl("public, max-age=" + maxAge);
    headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    headers.setAccessControlAllowOrigin("*");
    headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.ETAG);
    if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || java.util.Arrays.stream(ifNoneMatch.split(","))
        .map(String::trim).map(t -> t.startsWith("W/") ? t.substring(2) : t).anyMatch(etag::equals))) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
    }
    return ResponseEntity.ok().headers(headers).contentType(type).body(body);
  }

  /** Started while the database was away: nothing to show yet. */
  @ExceptionHandler(StatusPage.NotYetShown.class)
  ResponseEntity<ProblemDetail> notYetShown(StatusPage.NotYetShown e) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The status banner is not available yet. Try again in a minute.");
    body.setTitle("Status banner unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
        .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*").header(HttpHeaders.CACHE_CONTROL, "no-store")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}
