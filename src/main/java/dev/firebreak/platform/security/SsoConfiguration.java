package dev.firebreak.platform.security;

import dev.firebreak.platform.identity.SignedInThroughIdentityProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Single sign-on with an OpenID Connect provider (firebreak.sso.issuer set): the client registration
 * (read from the issuer's discovery document on first use, so Firebreak starts while the provider is
 * away), the sign-in that keeps the directory in step, the bearer-token decoder (the issuer's keys,
 * its iss, the token's lifetime and optionally its audience), and the logout at the provider.
 * {@link SecurityConfiguration} wires these into its filter chains.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${firebreak.sso.issuer:}'.trim() != ''")
class SsoConfiguration {

  /** The one client registration: /oauth2/authorization/firebreak, /login/oauth2/code/firebreak. */
  static final String REGISTRATION = "firebreak";
  static final String AUTHORIZATION = "/oauth2/authorization/" + REGISTRATION;

  @Bean
  SsoClaims ssoClaims(SsoProperties settings) {
    return new SsoClaims(settings);
  }

  @Bean
  ClientRegistrationRepository ssoClientRegistrations(SsoProperties settings) {
    return new IssuerClientRegistration(settings);
  }

  /** The provider's tokens of a signed-in person live in their session (ended with it). */
  @Bean
  OAuth2AuthorizedClientRepository ssoAuthorizedClients() {
    return new HttpSessionOAuth2AuthorizedClientRepository();
  }

  @Bean
  JwtDecoder ssoJwtDecoder(SsoProperties settings) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(settings.getIssuer()).build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(JwtValidators.createDefaultWithIssuer(settings.getIssuer()));
    if (!settings.getAudience().isBlank()) {
      validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(settings.getAudience())
          ? OAuth2TokenValidatorResult.success()
          : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
              "The token is not meant for Firebreak (aud does not name '" + settings.getAudience() + "')", null)));
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }

  @Bean
  SsoSecurity ssoSecurity(SsoProperties settings, SsoClaims claims, ClientRegistrationRepository registrations,
      JwtDecoder decoder, ApplicationEventPublisher events) {
    return new SsoSecurity(settings, claims, registrations, decoder, new SignIn(claims, events));
  }

  /** A bearer access token becomes the user its claims name, with the Firebreak groups they map to. */
  static Converter<Jwt, AbstractAuthenticationToken> bearerUser(SsoClaims claims) {
    return jwt -> new JwtAuthenticationToken(jwt, SsoClaims.authorities(claims.groups(jwt.getClaims())),
        claims.userId(jwt.getClaims()));
  }

  static DefaultOAuth2AuthorizationRequestResolver pkce(ClientRegistrationRepository registrations) {
    DefaultOAuth2AuthorizationRequestResolver resolver =
        new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
    resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    return resolver;
  }

  /** Logout ends Firebreak's session (and so the webapps') and then the provider's (RP-initiated logout). */
  static OidcClientInitiatedLogoutSuccessHandler logoutAtProvider(ClientRegistrationRepository registrations) {
    OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    handler.setPostLogoutRedirectUri("{baseUrl}" + SecurityConfiguration.LOGIN + "?logout");
    handler.setDefaultTargetUrl(SecurityConfiguration.LOGIN + "?logout");
    return handler;
  }

  /**
   * The sign-in: the provider's user (ID token and user info), then the directory keeps the person
   * in step (synchronously, before the first page: the webapps read the groups from the identity
   * service), then the Spring Security user named and grouped as Firebreak says.
   */
  static final class SignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final SsoClaims claims;
    private final ApplicationEventPublisher events;

    SignIn(SsoClaims claims, ApplicationEventPublisher events) {
      this.claims = claims;
      this.events = events;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
      OidcUser user = provider.loadUser(request);
      SignedInThroughIdentityProvider signedIn = claims.signedIn(user.getClaims());
      try {
        events.publishEvent(signedIn);
      } catch (OAuth2AuthenticationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw SsoClaims.refused("Firebreak could not take over your details from the identity provider: "
            + e.getMessage());
      }
      return new SignedInUser(SsoClaims.authorities(signedIn.groups()), user.getIdToken(), user.getUserInfo(),
          signedIn.userId());
    }
  }

  /** The provider's user under Firebreak's user id (Camunda's user, the directory's person). */
  static final class SignedInUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;
    private final String userId;

    SignedInUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
        String userId) {
      super(authorities, idToken, userInfo, IdTokenClaimNames.SUB);
      this.userId = userId;
    }

    @Override
    public String getName() {
      return userId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof SignedInUser that && super.equals(that) && userId.equals(that.userId);
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + userId.hashCode();
    }
  }

  /**
   * The client registration from the issuer's discovery document, read when first needed and kept
   * (read again while the provider could not be reached).
   */
  static final class IssuerClientRegistration implements ClientRegistrationRepository {

    private final SsoProperties settings;
    private volatile ClientRegistration registration;

    IssuerClientRegistration(SsoProperties settings) {
      this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
      if (!REGISTRATION.equals(registrationId)) {
        return null;
      }
      ClientRegistration found = registration;
      if (found == null) {
        synchronized (this) {
          if (registration == null) {
            ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(settings.getIssuer())
                .registrationId(REGISTRATION).clientName(settings.getProviderName())
                .clientId(settings.getClientId()).scope(settings.getScopes())
                .userNameAttributeName(IdTokenClaimNames.SUB);
            if (!settings.getClientSecret().isBlank()) {
              builder.clientSecret(settings.getClientSecret());
            }
            registration = builder.build();
          }
          found = registration;
        }
      }
      return found;
    }
  }
}
