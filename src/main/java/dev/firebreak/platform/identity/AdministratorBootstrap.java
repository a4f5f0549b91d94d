package dev.firebreak.platform.identity;

import dev.firebreak.platform.config.FirebreakProperties;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile there are no demo users: the first administrator is created from
 * FIREBREAK_ADMIN_PASSWORD, and start-up fails, saying what to set, when it is missing or weak
 * ({@link PasswordPolicy}: at least 12 characters, not a common password).
 */
@Component
@Profile("!demo")
@Order(2)
class AdministratorBootstrap implements ApplicationRunner {

  static final String MISSING_PASSWORD = "No administrator password: set the environment variable "
      + "FIREBREAK_ADMIN_PASSWORD (property firebreak.admin.password) to the password of the first "
      + "administrator ('%s'). Firebreak has no default password outside the demo profile.";

  static final String WEAK_PASSWORD = "The administrator password (FIREBREAK_ADMIN_PASSWORD, property "
      + "firebreak.admin.password) %s. Outside the demo profile the first administrator ('%s') needs at least "
      + PasswordPolicy.MIN_LENGTH + " characters that are not a common password.";

  private static final Logger log = LoggerFactory.getLogger(AdministratorBootstrap.class);

  private final IdentityService identity;
  private final FirebreakProperties.Admin admin;

  AdministratorBootstrap(IdentityService identity, FirebreakProperties properties) {
    this.identity = identity;
    this.admin = properties.getAdmin();
    if (admin.getPassword() == null || admin.getPassword().isBlank()) {
      throw new IllegalStateException(String.format(MISSING_PASSWORD, admin.getUser()));
    }
    PasswordPolicy.weakness(admin.getPassword(), admin.getUser()).ifPresent(weakness -> {
      throw new IllegalStateException(String.format(WEAK_PASSWORD, weakness, admin.getUser()));
    });
  }

  @Override
  public void run(ApplicationArguments args) {
    if (identity.createUserQuery().userId(admin.getUser()).count() == 0) {
      User user = identity.newUser(admin.getUser());
      user.setFirstName("Firebreak");
      user.setLastName("Administrator");
      user.setPassword(admin.getPassword());
      identity.saveUser(user);
      log.info("Created administrator '{}'", admin.getUser());
    }
    if (identity.createUserQuery().userId(admin.getUser()).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      identity.createMembership(admin.getUser(), Groups.CAMUNDA_ADMIN);
    }
  }
}
