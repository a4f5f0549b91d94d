package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.directory.Directory;
import dev.firebreak.platform.Browser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on against a real OpenID Connect provider running in the test ({@link OidcProvider}):
 * a person signs in in Chromium on the provider's login page and lands in Tasklist, the directory and
 * Camunda's identity service take over their name, e-mail and mapped groups, logout ends Firebreak's
 * and the provider's session; API clients call /api and /engine-rest with the provider's access
 * tokens, mapped to Firebreak's groups; a token of another issuer and an expired one are refused;
 * the demo passwords keep working beside it (password login on).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SsoIT {

  static final Duration SLOW = Duration.ofSeconds(60);

  @DynamicPropertySource
  static void sso(DynamicPropertyRegistry registry) {
    OidcProvider.register(registry, true);
  }

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  Directory directory;

  @Test
  void aBearerTokenOfTheIssuerCallsTheApi() throws Exception {
    String token = OidcProvider.token("tess-token", List.of("sre"));
    var incidents = OidcProvider.call(port, "GET", "/api/incidents", token, null);
    assertThat(incidents.status()).as("%s", incidents.body()).isEqualTo(200);
    assertThat(incidents.body().isArray() || incidents.body().isObject()).isTrue();
    var tasks = OidcProvider.call(port, "GET", "/engine-rest/task", token, null);
    assertThat(tasks.status()).as("%s", tasks.body()).isEqualTo(200);
    // the token keeps no session
    assertThat(incidents.raw().headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void theProvidersGroupsMapToFirebreaksRolesOnApiAndEngineRest() throws Exception {
    String manager = OidcProvider.token("mia-manager", List.of("ops-managers"));
    String responder = OidcProvider.token("rob-responder", List.of("sre"));
    String nobody = OidcProvider.token("nora-nogroup", List.of("marketing"));
    String auditor = OidcProvider.token("aude-auditor", List.of("compliance"));

    // Firebreak's own role check: KPIs for incident managers and auditors
    assertThat(OidcProvider.call(port, "GET", "/api/kpis", manager, null).status()).isEqualTo(200);
    assertThat(OidcProvider.call(port, "GET", "/api/kpis", auditor, null).status()).isEqualTo(200);
    assertThat(OidcProvider.call(port, "GET", "/api/kpis", responder, null).status()).isEqualTo(403);
    assertThat(OidcProvider.call(port, "GET", "/api/kpis", nobody, null).status()).isEqualTo(403);

    // Camunda's authorization checks see the token's groups: responders read the incident process
    // and may start it (the empty start then fails in the process, nothing stays); for an unmapped
    // user Camunda narrows the definitions to none, and so finds nothing to start
    var responderDefinitions = OidcProvider.call(port, "GET", "/engine-rest/process-definition?key=incident",
        responder, null);
    assertThat(responderDefinitions.body().findValuesAsText("key")).contains("incident");
    assertThat(OidcProvider.call(port, "GET", "/engine-rest/process-definition?key=incident", nobody, null)
        .body().findValuesAsText("key")).isEmpty();
    var responderStart = OidcProvider.call(port, "POST", "/engine-rest/process-definition/key/incident/start",
        responder, "{}");
    assertThat(responderStart.status()).as("%s", responderStart.body()).isNotIn(401, 403, 404);
    var nobodyStart = OidcProvider.call(port, "POST", "/engine-rest/process-definition/key/incident/start",
        nobody, "{}");
    assertThat(nobodyStart.status()).as("%s", nobodyStart.body()).isIn(403, 404);
    // and on Firebreak's API (the engine checks CREATE_INSTANCE for the caller)
    String declaration = "{\"title\":\"Checkout slow (token)\",\"service\":\"payments\",\"incidentType\":\"outage\","
        + "\"impactScope\":\"part-of-users\"}";
    var declared = OidcProvider.call(port, "POST", "/api/incidents", responder, declaration);
    assertThat(declared.status()).as("%s", declared.body()).isEqualTo(201);
    assertThat(OidcProvider.call(port, "POST", "/api/incidents", auditor, declaration).status()).isEqualTo(403);
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() throws Exception {
    String foreign = OidcProvider.token("some-other-idp", "rob-responder", List.of("sre"), 3600);
    var api = OidcProvider.call(port, "GET", "/api/incidents", foreign, null);
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(api.body().path("detail").asText()).as("not signed with the issuer's keys")
        .contains("The bearer token was refused", "no matching key");
    assertThat(api.raw().headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
    var rest = OidcProvider.call(port, "GET", "/engine-rest/task", foreign, null);
    assertThat(rest.status()).isEqualTo(401);
    assertThat(rest.body().path("detail").asText()).contains("The bearer token was refused");
    // signed with the issuer's own keys, but naming another issuer: the iss check refuses it
    String otherIss = OidcProvider.token(OidcProvider.ISSUER_ID, "rob-responder", List.of("sre"), 3600,
        java.util.Map.of("iss", "https://idp.other.example/"));
    var wrongIss = OidcProvider.call(port, "GET", "/api/incidents", otherIss, null);
    assertThat(wrongIss.status()).isEqualTo(401);
    assertThat(wrongIss.body().path("detail").asText()).contains("iss");
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    // issued two hours ago, expired ten minutes ago (beyond the minute of clock skew allowed)
    String expired = OidcProvider.token(OidcProvider.ISSUER_ID, "rob-responder", List.of("sre"), -600,
        java.util.Map.of("iat", java.time.Instant.now().minusSeconds(7200).getEpochSecond()));
    var api = OidcProvider.call(port, "GET", "/api/incidents", expired, null);
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.body().path("detail").asText()).containsIgnoringCase("expired");
    assertThat(OidcProvider.call(port, "GET", "/engine-rest/task", expired, null).status()).isEqualTo(401);
    // a token that is not a JWT at all
    assertThat(OidcProvider.call(port, "GET", "/api/incidents", "not-a-token", null).status()).isEqualTo(401);
  }

  @Test
  void passwordLoginStaysBesideTheProvider() throws Exception {
    assertThat(OidcProvider.basic(port, "GET", "/api/incidents", "responder").status()).isEqualTo(200);
    assertThat(OidcProvider.basic(port, "GET", "/engine-rest/task", "responder").status()).isEqualTo(200);
    var anonymous = OidcProvider.call(port, "GET", "/api/incidents", null, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.raw().headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Bearer"))
        .anyMatch(h -> h.startsWith("Basic"));
    String login = OidcProvider.call(port, "GET", "/login", null, null).body().asText();
    assertThat(login).contains("Sign in with Mock IdP", "id=\"password\"");
  }

  @Test
  void aPersonSignsInAtTheProviderIntoTasklistAndLogoutEndsBothSessions() throws Exception {
    try (Browser browser = Browser.open(1400, 1000)) {
      try {
        signInAtProvider(browser, "{\"preferred_username\": \"sam-sso\", \"name\": \"Sam Single\","
            + " \"email\": \"sam@example.com\", \"groups\": [\"sre\", \"ops-managers\", \"payments-devs\"]}");
        browser.await(SLOW, "Tasklist shows the responders' filter", () -> browser.script(
            "return document.body.innerText.indexOf('All open incident tasks') >= 0;").asBoolean());
        assertThat(browser.url()).contains("/camunda/app/tasklist");
        browser.screenshot("sso-tasklist.png");
        assertThat(browser.script("return document.body.innerText;").asText()).contains("Sam Single");

        // the directory and Camunda's identity service (where the job executor looks) know the person
        Directory.Person sam = directory.person("sam-sso").orElseThrow();
        assertThat(sam.name()).isEqualTo("Sam Single");
        assertThat(sam.email()).isEqualTo("sam@example.com");
        assertThat(groupsOf("sam-sso")).contains("responders", "incident-managers", "team-payments")
            .doesNotContain("auditors");
        assertThat(identity.createUserQuery().memberOfGroup("incident-managers").list()).extracting(User::getId)
            .contains("sam-sso");
        assertThat(directory.teams().stream().filter(t -> t.id().equals("payments")).findFirst().orElseThrow()
            .members()).as("joins the end of the payments rotation").endsWith("sam-sso");

        // Log out in Tasklist's own menu: Firebreak's sign-out page, then Firebreak's session ends
        // (the webapps' with it), then the provider's (its end-session endpoint)
        drainProviderRequests();
        browser.script("document.querySelector('li.logout a').click();");
        browser.await(SLOW, "Firebreak's sign-out page", () -> browser.url().endsWith("/logout"));
        assertThat(browser.text("main")).contains("at Mock IdP");
        browser.click("#sign-out");
        browser.await(SLOW, "back on the sign-in page", () -> browser.url().contains("/login?logout"));
        assertThat(providerPaths()).anyMatch(path -> path.startsWith("/" + OidcProvider.ISSUER_ID + "/endsession")
            && path.contains("id_token_hint="));
        browser.go(base() + "/camunda/app/tasklist/default/");
        browser.await(SLOW, "Tasklist asks to sign in again", () -> browser.url().contains("/login"));

        // signing in again with fewer groups: the directory follows
        signInAtProvider(browser, "{\"preferred_username\": \"sam-sso\", \"name\": \"Sam Single-Sign\","
            + " \"email\": \"sam.single@example.com\", \"groups\": [\"sre\"]}");
        browser.await(SLOW, "Tasklist again", () -> browser.script(
            "return document.body.innerText.indexOf('All open incident tasks') >= 0;").asBoolean());
        assertThat(groupsOf("sam-sso")).contains("responders").doesNotContain("incident-managers", "team-payments");
        assertThat(directory.person("sam-sso").orElseThrow().email()).isEqualTo("sam.single@example.com");
        assertThat(directory.teams().stream().filter(t -> t.id().equals("payments")).findFirst().orElseThrow()
            .members()).doesNotContain("sam-sso").contains("payments-dev");
      } catch (AssertionError | RuntimeException e) {
        browser.screenshot("sso-failed.png");
        throw e;
      }
    }
  }

  @Test
  void aPasswordUsersLogOutInTasklistEndsFirebreaksSession() throws Exception {
    try (Browser browser = Browser.open(1400, 1000)) {
      try {
        browser.go(base() + "/login");
        browser.signIn("responder", "demo");
        browser.await(SLOW, "signed in", () -> !browser.url().contains("/login"));
        browser.go(base() + "/camunda/app/tasklist/default/");
        browser.await(SLOW, "Tasklist", () -> browser.script(
            "return document.querySelector('li.logout a') !== null;").asBoolean());
        browser.script("document.querySelector('li.logout a').click();");
        browser.await(SLOW, "Firebreak's sign-out page", () -> browser.url().endsWith("/logout"));
        browser.click("#sign-out");
        browser.await(SLOW, "signed out", () -> browser.url().contains("/login?logout"));
        browser.go(base() + "/incidents");
        browser.await(SLOW, "the board asks to sign in again", () -> browser.url().contains("/login"));
      } catch (AssertionError | RuntimeException e) {
        browser.screenshot("sso-password-logout-failed.png");
        throw e;
      }
    }
  }

  private void signInAtProvider(Browser browser, String claims) throws Exception {
    browser.go(base() + "/camunda/app/tasklist/default/");
    browser.await(SLOW, "Firebreak's sign-in page", () -> browser.url().contains("/login"));
    browser.click("#sign-in-sso");
    browser.await(SLOW, "the provider's login page", () -> browser.url().contains("/" + OidcProvider.ISSUER_ID + "/authorize")
        && browser.script("return document.querySelector('input[name=username]') !== null;").asBoolean());
    assertThat(browser.url()).contains("code_challenge=", "code_challenge_method=S256");
    browser.type("input[name=username]", "sam-sso");
    browser.script("document.querySelector('textarea[name=claims]').value = arguments[0];", claims);
    browser.screenshot("sso-provider-login.png");
    browser.click("input[type=submit]");
  }

  private List<String> groupsOf(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
  }

  private void drainProviderRequests() throws InterruptedException {
    try {
      while (OidcProvider.server().takeRequest(10, TimeUnit.MILLISECONDS) != null) {
        // earlier requests
      }
    } catch (RuntimeException none) {
      // the queue is empty
    }
  }

  private List<String> providerPaths() throws InterruptedException {
    List<String> paths = new java.util.ArrayList<>();
    RecordedRequest request;
    try {
      while ((request = OidcProvider.server().takeRequest(500, TimeUnit.MILLISECONDS)) != null) {
        paths.add(request.getPath());
      }
    } catch (RuntimeException none) {
      // no more
    }
    return paths;
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
