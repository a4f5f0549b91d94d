package dev.firebreak.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.platform.identity.SignedInThroughIdentityProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/** How the identity provider's claims become a Firebreak user: id, groups by firebreak.sso.roles, directory details. */
class SsoClaimsTest {

  private static SsoProperties settings() {
    SsoProperties settings = new SsoProperties();
    settings.setIssuer("https://idp.example/realms/acme");
    settings.setRoles(Map.of("responders", List.of("sre", "ops"), "incident-managers", List.of("/ops/managers"),
        "team-payments", List.of("payments-devs")));
    return settings;
  }

  @Test
  void providerGroupsMapToFirebreakGroupsAndOthersAreIgnored() {
    SsoClaims claims = new SsoClaims(settings());
    assertThat(claims.groups(Map.of("groups", List.of("ops", "/ops/managers", "marketing"))))
        .containsExactly("incident-managers", "responders");
    assertThat(claims.groups(Map.of("groups", List.of("marketing")))).isEmpty();
    assertThat(claims.groups(Map.of())).as("no groups claim").isEmpty();
    assertThat(claims.managedGroups()).containsExactlyInAnyOrder("responders", "incident-managers", "team-payments");
  }

  @Test
  void theGroupsClaimMayBeNestedOrOneString() {
    SsoProperties settings = settings();
    settings.setGroupsClaim("realm_access.roles");
    assertThat(new SsoClaims(settings).groups(Map.of("realm_access", Map.of("roles", List.of("sre")))))
        .containsExactly("responders");
    settings.setGroupsClaim("groups");
    assertThat(new SsoClaims(settings).groups(Map.of("groups", "sre, payments-devs"))).containsExactly("responders",
        "team-payments");
  }

  @Test
  void defaultRolesComeWithEverySignIn() {
    SsoProperties settings = settings();
    settings.setDefaultRoles(List.of("executives"));
    SsoClaims claims = new SsoClaims(settings);
    assertThat(claims.groups(Map.of("groups", List.of("sre")))).containsExactly("executives", "responders");
    assertThat(claims.managedGroups()).contains("executives");
  }

  @Test
  void theUserIdComesFromTheConfiguredClaimAndMustBeAFirebreakId() {
    SsoProperties settings = settings();
    SsoClaims claims = new SsoClaims(settings);
    assertThat(claims.userId(Map.of("preferred_username", "kim.ops", "sub", "f81d4fae"))).isEqualTo("kim.ops");
    assertThatThrownBy(() -> claims.userId(Map.of("sub", "f81d4fae"))).isInstanceOf(OAuth2AuthenticationException.class)
        .hasMessageContaining("no 'preferred_username' claim");
    assertThatThrownBy(() -> claims.userId(Map.of("preferred_username", "kim@acme.example")))
        .hasMessageContaining("strip-email-domain");
    settings.setStripEmailDomain(true);
    assertThat(new SsoClaims(settings).userId(Map.of("preferred_username", "kim@acme.example"))).isEqualTo("kim");
    settings.setUserIdClaim("oid");
    assertThat(new SsoClaims(settings).userId(Map.of("oid", "5f2a-77"))).isEqualTo("5f2a-77");
  }

  @Test
  void aSignInCarriesNameEmailAndGroupsForTheDirectory() {
    SsoClaims claims = new SsoClaims(settings());
    SignedInThroughIdentityProvider signedIn = claims.signedIn(Map.of("preferred_username", "kim", "name", "Kim Ops",
        "email", "kim@acme.example", "groups", List.of("payments-devs")));
    assertThat(signedIn.userId()).isEqualTo("kim");
    assertThat(signedIn.name()).isEqualTo("Kim Ops");
    assertThat(signedIn.email()).isEqualTo("kim@acme.example");
    assertThat(signedIn.groups()).containsExactly("team-payments");
    assertThat(signedIn.managedGroups()).contains("responders");
    assertThat(claims.signedIn(Map.of("preferred_username", "kim", "email", "kim@acme.example")).name())
        .as("no name claim: the id").isEqualTo("kim");
    assertThatThrownBy(() -> claims.signedIn(Map.of("preferred_username", "kim")))
        .hasMessageContaining("no e-mail address");
  }

  @Test
  void aMappingToAGroupFirebreakDoesNotHaveStopsTheStart() {
    SsoProperties settings = settings();
    settings.setRoles(Map.of("admins", List.of("it")));
    assertThatThrownBy(() -> new SsoClaims(settings)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'admins', which is no Firebreak group");
  }
}
