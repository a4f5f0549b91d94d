package dev.firebreak.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem+json, with the challenge so clients know what to send (Basic, and Bearer under
 * single sign-on); a locked account or a user without a password is told so (and, when locked,
 * until when); a refused bearer token is told why (expired, another issuer, a bad signature).
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  static final String LOG_IN = "Log in with HTTP Basic: a Firebreak (Camunda) user name and password.";
  static final String BEARER_OR_LOG_IN = "Send a bearer access token from the identity provider, or log in "
      + "with HTTP Basic: a Firebreak (Camunda) user name and password.";
  static final String BEARER = "Send a bearer access token from the identity provider.";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a caller may send: a password (HTTP Basic), a bearer token, or either. */
  enum Accepts {
    PASSWORD, BEARER, EITHER;

    static Accepts of(SsoProperties sso) {
      return !sso.isEnabled() ? PASSWORD : sso.isPasswordLogin() ? EITHER : BEARER;
    }
  }

  private final Accepts accepts;

  ProblemAuthenticationEntryPoint() {
    this(Accepts.PASSWORD);
  }

  ProblemAuthenticationEntryPoint(Accepts accepts) {
    this.accepts = accepts;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    write(response, e, accepts);
  }

  static void write(HttpServletResponse response, AuthenticationException e) throws IOException {
    write(response, e, Accepts.PASSWORD);
  }

  static void write(HttpServletResponse response, AuthenticationException e, Accepts accepts) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("status", 401);
    boolean tokenRefused = false;
    if (e instanceof LoginRefusals.Locked locked) {
      body.put("title", "Account locked");
      body.put("detail", locked.getMessage());
      body.put("lockedUntil", locked.until().toString());
    } else if (e instanceof LoginRefusals.NoPassword) {
      body.put("title", "No password yet");
      body.put("detail", e.getMessage());
    } else if (e instanceof OAuth2AuthenticationException refused) {
      tokenRefused = true;
      body.put("title", "Token refused");
      String why = refused.getError().getDescription() != null ? refused.getError().getDescription() : e.getMessage();
      body.put("detail", "The bearer token was refused: " + why);
    } else {
      body.put("title", "Unauthorized");
      body.put("detail", switch (accepts) {
        case PASSWORD -> LOG_IN;
        case BEARER -> BEARER;
        case EITHER -> BEARER_OR_LOG_IN;
      });
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    if (tokenRefused) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"Firebreak\", error=\"invalid_token\"");
    } else {
      if (accepts != Accepts.PASSWORD) {
        response.addHeader("WWW-Authenticate", "Bearer realm=\"Firebreak\"");
      }
      if (accepts != Accepts.BEARER) {
        response.addHeader("WWW-Authenticate", "Basic realm=\"Firebreak\"");
      }
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
