package dev.firebreak.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.platform.config.FirebreakProperties;
import org.junit.jupiter.api.Test;

/** The administrator password's minimum outside the demo profile, and the start-up that refuses less. */
class PasswordPolicyTest {

  @Test
  void shortCommonAndUserNamePasswordsAreWeak() {
    assertThat(PasswordPolicy.weakness("demo", "admin")).hasValueSatisfying(w -> assertThat(w).contains("at least 12"));
    assertThat(PasswordPolicy.weakness("password1234", "admin")).hasValueSatisfying(w -> assertThat(w).contains("common"));
    assertThat(PasswordPolicy.weakness("123456789012", "admin")).isPresent();
    assertThat(PasswordPolicy.weakness("Qwertyuiop!!", "admin")).isPresent();
    assertThat(PasswordPolicy.weakness("aaaaaaaaaaaaaa", "admin")).isPresent();
    assertThat(PasswordPolicy.weakness("1234administrator", "ops")).isPresent();
    assertThat(PasswordPolicy.weakness("firebreak-ops1", "firebreak-ops1")).isPresent();
    assertThat(PasswordPolicy.weakness("s3cret-Admin", "admin")).isEmpty();
    assertThat(PasswordPolicy.weakness("correct pony battery", "admin")).isEmpty();
  }

  @Test
  void startUpFailsWithAWeakAdministratorPasswordSayingWhatToSet() {
    FirebreakProperties properties = new FirebreakProperties();
    properties.getAdmin().setPassword("changeme");
    assertThatThrownBy(() -> new AdministratorBootstrap(null, properties))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FIREBREAK_ADMIN_PASSWORD")
        .hasMessageContaining("at least 12 characters");
    properties.getAdmin().setPassword("password12345");
    assertThatThrownBy(() -> new AdministratorBootstrap(null, properties)).hasMessageContaining("common password");
  }
}
