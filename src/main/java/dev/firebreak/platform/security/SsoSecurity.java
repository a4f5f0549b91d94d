package dev.firebreak.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What single sign-on adds to {@link SecurityConfiguration}'s filter chains: bearer tokens on /api
 * and /engine-rest, the provider's sign-in and logout for people.
 */
final class SsoSecurity {

  private final SsoProperties settings;
  private final SsoClaims claims;
  private final ClientRegistrationRepository registrations;
  private final JwtDecoder decoder;
  private final SsoConfiguration.SignIn signIn;

  SsoSecurity(SsoProperties settings, SsoClaims claims, ClientRegistrationRepository registrations, JwtDecoder decoder,
      SsoConfiguration.SignIn signIn) {
    this.settings = settings;
    this.claims = claims;
    this.registrations = registrations;
    this.decoder = decoder;
    this.signIn = signIn;
  }

  /** Bearer access tokens (JWT from the issuer) as the caller; a refused token is answered by the entry point. */
  void bearer(HttpSecurity http, AuthenticationEntryPoint entryPoint) throws Exception {
    http.oauth2ResourceServer(server -> server
        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(SsoConfiguration.bearerUser(claims)))
        .authenticationEntryPoint(entryPoint));
  }

  /** People sign in at the provider (authorization code with PKCE); logout ends the provider's session too. */
  void signIn(HttpSecurity http) throws Exception {
    http.oauth2Login(login -> login
            .loginPage(SecurityConfiguration.LOGIN)
            .clientRegistrationRepository(registrations)
            .authorizationEndpoint(a -> a.authorizationRequestResolver(SsoConfiguration.pkce(registrations)))
            .userInfoEndpoint(u -> u.oidcUserService(signIn))
            .failureUrl(SecurityConfiguration.LOGIN + "?error=sso"))
        .logout(logout -> logout.logoutSuccessHandler(SsoConfiguration.logoutAtProvider(registrations)));
  }

  String issuer() {
    return settings.getIssuer();
  }
}
