package dev.firebreak.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * firebreak.sso.*: single sign-on with an OpenID Connect identity provider. Off while
 * {@code issuer} is empty. With it, people sign in through the provider (authorization code with
 * PKCE) and API clients send the provider's access tokens (JWT) as bearer tokens.
 */
@ConfigurationProperties("firebreak.sso")
public class SsoProperties {

  /** The provider's issuer URL (its /.well-known/openid-configuration is read from there); empty: SSO off. */
  private String issuer = "";
  /** What the sign-in button calls the provider ("Sign in with …"). */
  private String providerName = "SSO";
  private String clientId = "";
  private String clientSecret = "";
  private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "email"));
  /**
   * The claim that carries the user id (Camunda's user and the directory's person): letters, digits,
   * dot, dash and underscore.
   */
  private String userIdClaim = "preferred_username";
  /** Drop "@domain" from the user id (Entra ID's and Okta's preferred_username is an e-mail address). */
  private boolean stripEmailDomain = false;
  private String nameClaim = "name";
  private String emailClaim = "email";
  /** The claim with the person's groups (or app roles); a dotted path reaches into an object (realm_access.roles). */
  private String groupsClaim = "groups";
  /**
   * Firebreak group (role) → the provider's groups that give it, e.g. {@code incident-managers:
   * [/ops/managers]}. These groups are the ones single sign-on keeps: on every sign-in a person is
   * put into those the token says and taken out of the others.
   */
  private Map<String, List<String>> roles = new LinkedHashMap<>();
  /** Groups everyone who signs in through the provider gets (none by default). */
  private List<String> defaultRoles = new ArrayList<>();
  /** The audience a bearer token must name (aud); empty: not checked. */
  private String audience = "";
  /** Firebreak's own password login (the form and HTTP Basic); false: only the provider. */
  private boolean passwordLogin = true;

  public boolean isEnabled() {
    return issuer != null && !issuer.isBlank();
  }

  public String getIssuer() {
    return issuer;
  }

  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  public String getProviderName() {
    return providerName;
  }

  public void setProviderName(String providerName) {
    this.providerName = providerName;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getClientSecret() {
    return clientSecret;
  }

  public void setClientSecret(String clientSecret) {
    this.clientSecret = clientSecret;
  }

  public List<String> getScopes() {
    return scopes;
  }

  public void setScopes(List<String> scopes) {
    this.scopes = scopes;
  }

  public String getUserIdClaim() {
    return userIdClaim;
  }

  public void setUserIdClaim(String userIdClaim) {
    this.userIdClaim = userIdClaim;
  }

  public boolean isStripEmailDomain() {
    return stripEmailDomain;
  }

  public void setStripEmailDomain(boolean stripEmailDomain) {
    this.stripEmailDomain = stripEmailDomain;
  }

  public String getNameClaim() {
    return nameClaim;
  }

  public void setNameClaim(String nameClaim) {
    this.nameClaim = nameClaim;
  }

  public String getEmailClaim() {
    return emailClaim;
  }

  public void setEmailClaim(String emailClaim) {
    this.emailClaim = emailClaim;
  }

  public String getGroupsClaim() {
    return groupsClaim;
  }

  public void setGroupsClaim(String groupsClaim) {
    this.groupsClaim = groupsClaim;
  }

  public Map<String, List<String>> getRoles() {
    return roles;
  }

  public void setRoles(Map<String, List<String>> roles) {
    this.roles = roles;
  }

  public List<String> getDefaultRoles() {
    return defaultRoles;
  }

  public void setDefaultRoles(List<String> defaultRoles) {
    this.defaultRoles = defaultRoles;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public boolean isPasswordLogin() {
    return passwordLogin;
  }

  public void setPasswordLogin(boolean passwordLogin) {
    this.passwordLogin = passwordLogin;
  }
}
