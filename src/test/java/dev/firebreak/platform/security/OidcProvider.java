package dev.firebreak.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OpenID Connect provider inside the test JVM (NAV's mock-oauth2-server on loopback):
 * discovery, JWKS, authorization endpoint with an interactive login page, token, user info and
 * end-session endpoints. Issuer {@value #ISSUER_ID} is Firebreak's; any other issuer id on the same
 * server is "another issuer" (other iss).
 */
final class OidcProvider {

  static final String ISSUER_ID = "firebreak-idp";
  static final String CLIENT_ID = "firebreak";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MockOAuth2Server server;

  private OidcProvider() {
  }

  static synchronized MockOAuth2Server server() {
    if (server == null) {
      server = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
      server.start(InetAddress.getLoopbackAddress(), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    }
    return server;
  }

  static String issuer() {
    return server().issuerUrl(ISSUER_ID).toString();
  }

  /** Firebreak's SSO settings: the mapping the tests check (sre → responders, ops-managers → incident managers, …). */
  static void register(DynamicPropertyRegistry registry, boolean passwordLogin) {
    registry.add("firebreak.sso.issuer", OidcProvider::issuer);
    registry.add("firebreak.sso.provider-name", () -> "Mock IdP");
    registry.add("firebreak.sso.client-id", () -> CLIENT_ID);
    registry.add("firebreak.sso.client-secret", () -> "firebreak-secret");
    registry.add("firebreak.sso.groups-claim", () -> "groups");
    registry.add("firebreak.sso.roles.responders", () -> "sre");
    registry.add("firebreak.sso.roles.incident-managers", () -> "ops-managers");
    registry.add("firebreak.sso.roles.team-payments", () -> "payments-devs");
    registry.add("firebreak.sso.roles.auditors", () -> "compliance");
    registry.add("firebreak.sso.password-login", () -> Boolean.toString(passwordLogin));
  }

  /** An access token of the issuer (or another), valid for the given seconds (negative: expired that long ago). */
  static String token(String issuerId, String user, List<String> groups, long expirySeconds) {
    return token(issuerId, user, groups, expirySeconds, Map.of());
  }

  /** The same with claims set as given (iat, iss). */
  static String token(String issuerId, String user, List<String> groups, long expirySeconds, Map<String, Object> extra) {
    Map<String, Object> claims = new java.util.HashMap<>(Map.of("preferred_username", user, "groups", groups,
        "name", "Token " + user, "email", user + "@example.com"));
    claims.putAll(extra);
    return server().issueToken(issuerId, user, CLIENT_ID, claims, expirySeconds).serialize();
  }

  static String token(String user, List<String> groups) {
    return token(ISSUER_ID, user, groups, 3600);
  }

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
  }

  /** A request with a bearer token (null: none), redirects not followed. */
  static Answer call(int port, String method, String path, String bearer, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (Exception notJson) {
      json = JSON.getNodeFactory().textNode(response.body());
    }
    return new Answer(response.statusCode(), json, response);
  }

  static Answer basic(int port, String method, String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Accept", "application/json")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
        .method(method, HttpRequest.BodyPublishers.noBody());
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (Exception notJson) {
      json = JSON.getNodeFactory().textNode(response.body());
    }
    return new Answer(response.statusCode(), json, response);
  }
}
