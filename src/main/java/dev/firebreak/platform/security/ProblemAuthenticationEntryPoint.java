package dev.firebreak.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem+json, with the Basic challenge so clients know what to send; a locked account or
 * a user without a password is told so (and, when locked, until when).
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  static final String LOG_IN = "Log in with HTTP Basic: a Firebreak (Camunda) user name and password.";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    write(response, e);
  }

  static void write(HttpServletResponse response, AuthenticationException e) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("status", 401);
    if (e instanceof LoginRefusals.Locked locked) {
      body.put("title", "Account locked");
      body.put("detail", locked.getMessage());
      body.put("lockedUntil", locked.until().toString());
    } else if (e instanceof LoginRefusals.NoPassword) {
      body.put("title", "No password yet");
      body.put("detail", e.getMessage());
    } else {
      body.put("title", "Unauthorized");
      body.put("detail", LOG_IN);
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"Firebreak\"");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
