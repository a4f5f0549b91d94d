package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.notify.EmailChannel;
import dev.firebreak.notify.EmailMessage;
import dev.firebreak.notify.PublicEmail;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Login that fails safely (a timed lock shared by the API and /engine-rest, a clear answer for a
 * directory person without a password, one-time invitation links) and headers and error bodies
 * (CSP on Firebreak's pages, SameSite/Secure session cookie, no SQL or stack text in a 500).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SafeEdgesIT {

  static final List<PublicEmail> MAILS = new CopyOnWriteArrayList<>();

  @TestConfiguration
  static class Capture {
    /** The e-mail port, capturing what would be sent (the recording adapter only logs public e-mails). */
    @Bean
    @Primary
    EmailChannel capturingEmail() {
      return new EmailChannel() {
        @Override
        public void send(EmailMessage message) {
        }

        @Override
        public void sendPublic(PublicEmail email) {
          MAILS.add(email);
        }
      };
    }

    /** Test only: an error outside any controller, whose message looks like SQL. */
    @Bean
    FilterRegistrationBean<Filter> explode() {
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
        throw new IllegalStateException("SELECT PWD_ FROM ACT_ID_USER WHERE ID_ = 'admin'");
      });
      registration.addUrlPatterns("/test-only/explode");
      return registration;
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  JdbcClient jdbc;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse("");
    }
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  // ---- point 7: login

  @Test
  void wrongPasswordsLockTheAccountForFifteenMinutesOnTheApiAndEngineRestAlike() throws Exception {
    User user = identity.newUser("locky");
    user.setPassword("right-password-123");
    identity.saveUser(user);
    identity.createMembership("locky", "responders");

    for (int i = 1; i <= 4; i++) {
      Answer wrong = get("/api/incidents", "locky", "wrong-" + i);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body().path("title").asText()).isEqualTo("Unauthorized");
    }
    Answer fifth = get("/engine-rest/task", "locky", "wrong-5");
    assertThat(fifth.status()).isEqualTo(401);
    assertThat(fifth.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fifth.body().path("title").asText()).isEqualTo("Account locked");

    Instant until = Instant.now().plus(Duration.ofMinutes(15));
    for (String path : List.of("/api/incidents", "/engine-rest/task")) {
      Answer locked = get(path, "locky", "right-password-123");
      assertThat(locked.status()).as(path).isEqualTo(401);
      assertThat(locked.header("Content-Type")).as(path).startsWith("application/problem+json");
      assertThat(locked.body().path("title").asText()).isEqualTo("Account locked");
      assertThat(locked.body().path("detail").asText()).contains("locked after 5 wrong passwords", "until");
      assertThat(Instant.parse(locked.body().path("lockedUntil").asText()))
          .isBetween(until.minusSeconds(60), until.plusSeconds(5));
      // the same answer for a wrong password: no hint whether the password was right
      Answer lockedWrong = get(path, "locky", "still-wrong");
      assertThat(lockedWrong.body().path("title").asText()).isEqualTo("Account locked");
    }

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(16))));
    assertThat(get("/api/incidents", "locky", "right-password-123").status()).as("not for ever").isEqualTo(200);
    assertThat(get("/engine-rest/task", "locky", "right-password-123").status()).isEqualTo(200);
  }

  @Test
  void aDirectoryPersonWithoutPasswordIsToldToAskForAnInvitation() throws Exception {
    Answer saved = send("PUT", "/api/directory/people/newbie", "manager", "demo",
        Map.of("name", "Nia Newbie", "email", "newbie@firebreak.example"));
    assertThat(saved.status()).isEqualTo(200);
    for (String path : List.of("/api/incidents", "/engine-rest/task")) {
      Answer answer = get(path, "newbie", "anything-at-all");
      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
      assertThat(answer.body().path("title").asText()).isEqualTo("No password yet");
      assertThat(answer.body().path("detail").asText()).contains("ask an administrator for an invitation");
    }
  }

  @Test
  void anAdministratorsInvitationLinkSetsThePasswordOnceAndExpires() throws Exception {
    assertThat(send("PUT", "/api/directory/people/invited", "manager", "demo",
        Map.of("name", "Ivy Invited", "email", "ivy@firebreak.example")).status()).isEqualTo(200);
    Answer notAdmin = send("POST", "/api/directory/people/invited/invitation", "manager", "demo", Map.of());
    assertThat(notAdmin.status()).isEqualTo(403);
    assertThat(send("POST", "/api/directory/people/nobody-here/invitation", "admin", "demo", Map.of()).status())
        .isEqualTo(404);

    Answer sent = send("POST", "/api/directory/people/invited/invitation", "admin", "demo", Map.of());
    assertThat(sent.status()).isEqualTo(202);
    assertThat(sent.body().path("sentTo").asText()).isEqualTo("ivy@firebreak.example");
    assertThat(sent.raw().body()).doesNotContain("/invitations/");
    String link = linkTo("ivy@firebreak.example");
    String path = URI.create(link).getPath();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM person_invitation WHERE token_hash = ?").param(path.substring(13))
        .query(Long.class).single()).as("only the hash is stored").isZero();

    Answer page = get(path, null, null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().body()).contains("<form method=\"post\"", "invited");

    Answer weak = send("POST", path, null, null, Map.of("password", "ivy"));
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.body().path("errors").get(0).path("field").asText()).isEqualTo("password");
    Answer set = send("POST", path, null, null, Map.of("password", "ivy-strong-password-9"));
    assertThat(set.status()).isEqualTo(200);
    assertThat(get("/api/incidents", "invited", "ivy-strong-password-9").status()).isEqualTo(200);

    Answer again = send("POST", path, null, null, Map.of("password", "another-strong-password-9"));
    assertThat(again.status()).isEqualTo(410);
    assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    assertThat(again.body().path("detail").asText()).contains("used already");
    assertThat(get("/api/incidents", "invited", "ivy-strong-password-9").status()).isEqualTo(200);
    assertThat(send("POST", "/invitations/" + "0".repeat(64), null, null, Map.of("password", "x")).status())
        .isEqualTo(410);

    // a second invitation, used too late
    MAILS.clear();
    assertThat(send("POST", "/api/directory/people/invited/invitation", "admin", "demo", Map.of()).status())
        .isEqualTo(202);
    String late = URI.create(linkTo("ivy@firebreak.example")).getPath();
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(73))));
    Answer expired = send("POST", late, null, null, Map.of("password", "late-strong-password-9"));
    assertThat(expired.status()).isEqualTo(410);
    assertThat(expired.body().path("detail").asText()).contains("expired");
  }

  // ---- point 8: headers and errors

  @Test
  void firebreaksPagesCarryAContentSecurityPolicyAndStillGetTheirStyles() throws Exception {
    Answer status = get("/status", null, null);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
        "style-src 'self'", "frame-ancestors 'none'");
    assertThat(status.raw().body()).contains("href=\"/assets/firebreak.css\"").doesNotContain("<style", "<script",
        "style=");
    Answer css = get("/assets/firebreak.css", null, null);
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.header("Content-Type")).startsWith("text/css");

    Answer board = get("/incidents", "manager", "demo");
    assertThat(board.status()).isEqualTo(200);
    assertThat(board.header("Content-Security-Policy")).contains("default-src 'self'");
    // the shared layout's one stylesheet and the live board's one script are files: nothing inline
    assertThat(board.raw().body()).contains("/assets/firebreak.css", "<script src=\"/assets/firebreak.js\" defer></script>")
        .doesNotContain("<style", "style=");
    assertThat(board.raw().body().split("<script").length - 1).as("only the script file").isEqualTo(1);
    assertThat(get("/assets/firebreak.js", null, null).status()).isEqualTo(200);
  }

  @Test
  void theSessionCookieIsSameSiteLaxAndSecureBehindHttps() throws Exception {
    HttpResponse<String> plain = http.send(HttpRequest.newBuilder(uri("/incidents")).header("Accept", "text/html")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(302);
    String cookie = plain.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("JSESSIONID=", "HttpOnly", "SameSite=Lax").doesNotContain("Secure");

    HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(uri("/incidents")).header("Accept", "text/html")
        .header("X-Forwarded-Proto", "https").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).contains("SameSite=Lax", "Secure");
  }

  @Test
  void aFailingStatementShowsOnlyAnErrorIdOnTheApiAndOnEngineRest() throws Exception {
    jdbc.sql("ALTER TABLE incident RENAME TO incident_hidden").update();
    Answer api;
    try {
      api = get("/api/incidents", "responder", "demo");
    } finally {
      jdbc.sql("ALTER TABLE incident_hidden RENAME TO incident").update();
    }
    assertThat(api.status()).isEqualTo(500);
    assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.body().path("errorId").asText()).matches("[0-9a-f]{12}");
    assertThat(api.body().path("detail").asText()).contains(api.body().path("errorId").asText());
    assertNoInternals(api.raw().body());

    jdbc.sql("ALTER TABLE ACT_RE_DEPLOYMENT RENAME TO ACT_RE_DEPLOYMENT_HIDDEN").update();
    Answer engine;
    try {
      engine = get("/engine-rest/deployment", "admin", "demo");
    } finally {
      jdbc.sql("ALTER TABLE ACT_RE_DEPLOYMENT_HIDDEN RENAME TO ACT_RE_DEPLOYMENT").update();
    }
    assertThat(engine.status()).isEqualTo(500);
    assertThat(engine.body().path("errorId").asText()).matches("[0-9a-f]{12}");
    assertThat(engine.body().path("message").asText()).contains(engine.body().path("errorId").asText());
    assertNoInternals(engine.raw().body());
    assertThat(get("/engine-rest/deployment", "admin", "demo").status()).as("works again").isEqualTo(200);
  }

  @Test
  void anErrorOutsideTheControllersShowsOnlyAnErrorIdToo() throws Exception {
    Answer answer = exchange(HttpRequest.newBuilder(uri("/test-only/explode")).header("Accept", "application/json")
        .GET(), "admin", "demo");
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body().path("errorId").asText()).matches("[0-9a-f]{12}");
    assertNoInternals(answer.raw().body());
  }

  private static void assertNoInternals(String body) {
    assertThat(body.toLowerCase()).doesNotContain("select", "act_", "incident_hidden", "sql", "exception",
        "org.", "java.", "\tat ", "trace");
  }

  private String linkTo(String address) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (PublicEmail mail : MAILS) {
        Matcher matcher = Pattern.compile("https?://\\S+/invitations/[0-9a-f]{64}").matcher(mail.text());
        if (mail.to().contains(address) && mail.subject().contains("password") && matcher.find()) {
          return matcher.group();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no invitation to " + address + " in " + MAILS);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private Answer get(String path, String user, String password) throws Exception {
    return exchange(HttpRequest.newBuilder(uri(path)).GET(), user, password);
  }

  private Answer send(String method, String path, String user, String password, Object body) throws Exception {
    return exchange(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), user, password);
  }

  private Answer exchange(HttpRequest.Builder request, String user, String password) throws Exception {
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    } catch (Exception e) {
      body = json.getNodeFactory().textNode(response.body());
    }
    return new Answer(response.statusCode(), body, response);
  }
}
