package dev.firebreak.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * /engine-rest under single sign-on: Camunda's {@code ProcessEngineAuthenticationFilter} (registered
 * after Spring Security's filter, which has validated the bearer token) asks this provider who
 * calls. A bearer token's user is the caller with the groups its claims map to, exactly as on /api;
 * without one, {@link OrPassword} falls back to HTTP Basic against the identity service (password
 * login on), this class refuses (password login off). Instantiated by Camunda by class name.
 */
public class SignedInRestUser implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
      AuthenticationResult result = AuthenticationResult.successful(token.getName());
      result.setGroups(dev.firebreak.platform.identity.Groups.of(token));
      return result;
    }
    return passwordUser(request, engine);
  }

  protected AuthenticationResult passwordUser(HttpServletRequest request, ProcessEngine engine) {
    return AuthenticationResult.unsuccessful();
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    response.addHeader("WWW-Authenticate", "Bearer realm=\"Firebreak\"");
  }

  /** Bearer token, or else HTTP Basic (password login on). */
  public static class OrPassword extends SignedInRestUser {

    private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

    @Override
    protected AuthenticationResult passwordUser(HttpServletRequest request, ProcessEngine engine) {
      return basic.extractAuthenticatedUser(request, engine);
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
      super.augmentResponseByAuthenticationChallenge(response, engine);
      basic.augmentResponseByAuthenticationChallenge(response, engine);
    }
  }
}
