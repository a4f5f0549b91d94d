package dev.firebreak.platform.security;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.identity.SignedInThroughIdentityProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * What the identity provider's claims (ID token, user info or a bearer access token) say about a
 * person in Firebreak's terms: the user id, name, e-mail and the Firebreak groups that
 * {@code firebreak.sso.roles} maps the provider's groups to. The same for a browser sign-in and a
 * bearer call, so Camunda sees one user and one set of groups either way.
 */
final class SsoClaims {

  static final String INVALID_USER = "invalid_user";
  private static final String ID_PATTERN = "[a-zA-Z0-9][a-zA-Z0-9._-]*";

  private final SsoProperties settings;

  SsoClaims(SsoProperties settings) {
    this.settings = settings;
    for (String group : settings.getRoles().keySet()) {
      check(group, "firebreak.sso.roles");
    }
    settings.getDefaultRoles().forEach(group -> check(group, "firebreak.sso.default-roles"));
  }

  private static void check(String group, String property) {
    if (!Groups.ROLES.contains(group) && !(group.startsWith(Groups.TEAM_PREFIX) && group.matches(ID_PATTERN))) {
      throw new IllegalStateException(property + " names '" + group + "', which is no Firebreak group: one of "
          + Groups.ROLES + " or team-<team>");
    }
  }

  /** The Firebreak user id the claims name; refused when the claim is missing or not a valid id. */
  String userId(Map<String, Object> claims) {
    Object raw = claims.get(settings.getUserIdClaim());
    String id = raw == null ? "" : raw.toString().trim();
    if (settings.isStripEmailDomain() && id.contains("@")) {
      id = id.substring(0, id.indexOf('@'));
    }
    if (id.isEmpty()) {
      throw refused("The identity provider's token has no '" + settings.getUserIdClaim()
          + "' claim (firebreak.sso.user-id-claim), so Firebreak cannot tell who you are.");
    }
    if (!id.matches(ID_PATTERN) || id.length() > 64) {
      throw refused("The user id '" + id + "' (claim '" + settings.getUserIdClaim() + "') may contain only letters, "
          + "digits, dot, dash and underscore" + (id.contains("@") ? " (firebreak.sso.strip-email-domain drops the domain)" : "")
          + ".");
    }
    return id;
  }

  /** The provider's groups as the claims list them (a list, or one string of names separated by commas or spaces). */
  List<String> providerGroups(Map<String, Object> claims) {
    Object value = claims;
    for (String step : settings.getGroupsClaim().split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(step) : null;
    }
    if (value == null && claims.get(settings.getGroupsClaim()) != null) {
      value = claims.get(settings.getGroupsClaim());
    }
    List<String> groups = new ArrayList<>();
    if (value instanceof Collection<?> list) {
      list.forEach(g -> groups.add(String.valueOf(g).trim()));
    } else if (value != null) {
      groups.addAll(List.of(value.toString().split("[,\\s]+")));
    }
    return groups.stream().filter(g -> !g.isEmpty()).distinct().toList();
  }

  /** The Firebreak groups the claims give (sorted): the mapped ones and the default ones. */
  List<String> groups(Map<String, Object> claims) {
    Set<String> given = new LinkedHashSet<>(providerGroups(claims));
    Set<String> groups = new TreeSet<>(settings.getDefaultRoles());
    settings.getRoles().forEach((group, providerGroups) -> {
      if (providerGroups != null && providerGroups.stream().anyMatch(given::contains)) {
        groups.add(group);
      }
    });
    return List.copyOf(groups);
  }

  /** The groups single sign-on keeps: every group the mapping or the defaults name. */
  Set<String> managedGroups() {
    Set<String> managed = new TreeSet<>(settings.getRoles().keySet());
    managed.addAll(settings.getDefaultRoles());
    return managed;
  }

  static List<GrantedAuthority> authorities(List<String> groups) {
    return groups.stream().<GrantedAuthority>map(g -> new SimpleGrantedAuthority(
        CamundaIdentityAuthenticationProvider.GROUP_PREFIX + g)).toList();
  }

  /** The sign-in as the directory hears of it; refused without an e-mail address (the contact list needs one). */
  SignedInThroughIdentityProvider signedIn(Map<String, Object> claims) {
    String id = userId(claims);
    Object email = claims.get(settings.getEmailClaim());
    if (email == null || !email.toString().contains("@")) {
      throw refused("The identity provider gave no e-mail address for '" + id + "' (claim '"
          + settings.getEmailClaim() + "', firebreak.sso.email-claim); the contact directory needs one.");
    }
    Object name = claims.get(settings.getNameClaim());
    String fullName = name == null || name.toString().isBlank() ? id : name.toString().trim();
    return new SignedInThroughIdentityProvider(id, fullName, email.toString().trim(), groups(claims), managedGroups());
  }

  static OAuth2AuthenticationException refused(String why) {
    return new OAuth2AuthenticationException(new OAuth2Error(INVALID_USER, why, null), why);
  }
}
