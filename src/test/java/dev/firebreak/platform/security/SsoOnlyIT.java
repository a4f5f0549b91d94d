package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on with password login switched off (firebreak.sso.password-login=false): Firebreak's
 * passwords open nothing (no form, HTTP Basic refused on /api, /engine-rest and the pages), the
 * webapps send a person straight to the provider, the provider's bearer tokens still work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SsoOnlyIT {

  @DynamicPropertySource
  static void sso(DynamicPropertyRegistry registry) {
    OidcProvider.register(registry, false);
  }

  @LocalServerPort
  int port;

  @Test
  void passwordsOpenNothing() throws Exception {
    var api = OidcProvider.basic(port, "GET", "/api/incidents", "responder");
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.body().path("detail").asText()).isEqualTo(ProblemAuthenticationEntryPoint.BEARER);
    assertThat(api.raw().headers().allValues("WWW-Authenticate")).allMatch(h -> h.startsWith("Bearer"));
    var rest = OidcProvider.basic(port, "GET", "/engine-rest/task", "responder");
    assertThat(rest.status()).isEqualTo(401);
    assertThat(rest.body().path("detail").asText()).isEqualTo(ProblemAuthenticationEntryPoint.BEARER);
    assertThat(OidcProvider.basic(port, "GET", "/incidents", "responder").status()).as("the board")
        .isIn(302, 401);
    String login = OidcProvider.call(port, "GET", "/login", null, null).body().asText();
    assertThat(login).contains("Sign in with Mock IdP").doesNotContain("id=\"password\"");
  }

  @Test
  void theWebappsSendAPersonStraightToTheProvider() throws Exception {
    var tasklist = OidcProvider.call(port, "GET", "/camunda/app/tasklist/default/", null, null);
    assertThat(tasklist.status()).isEqualTo(302);
    assertThat(tasklist.raw().headers().firstValue("Location").orElse("")).endsWith("/oauth2/authorization/firebreak");
    var authorization = OidcProvider.call(port, "GET", "/oauth2/authorization/firebreak", null, null);
    assertThat(authorization.status()).isEqualTo(302);
    assertThat(authorization.raw().headers().firstValue("Location").orElse(""))
        .startsWith(OidcProvider.issuer() + "/authorize").contains("code_challenge=", "code_challenge_method=S256",
            "client_id=" + OidcProvider.CLIENT_ID, "scope=openid");
  }

  @Test
  void bearerTokensStillWork() throws Exception {
    String token = OidcProvider.token("rob-responder", List.of("sre"));
    assertThat(OidcProvider.call(port, "GET", "/api/incidents", token, null).status()).isEqualTo(200);
    assertThat(OidcProvider.call(port, "GET", "/engine-rest/task", token, null).status()).isEqualTo(200);
  }
}
