package dev.firebreak.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * One sign-in for Firebreak and Camunda's webapps: Camunda's {@code ContainerBasedAuthenticationFilter}
 * (registered on {@code /camunda/*} by {@link SecurityConfiguration}) asks this provider who the
 * container says is signed in, and this answers with the user Spring Security signed in on
 * Firebreak's form login. The webapps then look up that user's groups and authorized apps in the
 * identity service themselves. Instantiated by Camunda by class name: public, no arguments.
 */
public class SignedInWebappUser implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken || authentication.getName() == null) {
      return AuthenticationResult.unsuccessful();
    }
    AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
    if (authentication instanceof OAuth2AuthenticationToken) {
      // signed in through the identity provider: the groups its claims gave (the directory has just
      // put the same into the identity service, SsoConfiguration.SignIn)
      result.setGroups(dev.firebreak.platform.identity.Groups.of(authentication));
    }
    // otherwise groups null: Camunda reads them (and the user's tenants) from the identity service
    return result;
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    // Spring Security sends unauthenticated people to /login before the webapps see them
  }
}
