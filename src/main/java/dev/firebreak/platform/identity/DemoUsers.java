package dev.firebreak.platform.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** One demo user per role, password "demo" — only in the demo profile, and the log says so. */
@Component
@Profile("demo")
@Order(2)
class DemoUsers implements ApplicationRunner {

  static final String PASSWORD = "demo";

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  record DemoUser(String id, String first, String last, List<String> groups) {
  }

  static final List<DemoUser> USERS = List.of(
      new DemoUser("responder", "Rae", "Responder", List.of(Groups.RESPONDERS)),
      new DemoUser("manager", "Min", "Manager", List.of(Groups.INCIDENT_MANAGERS, Groups.RESPONDERS)),
      new DemoUser("executive", "Eun", "Executive", List.of(Groups.EXECUTIVES)),
      new DemoUser("comms", "Chris", "Comms", List.of(Groups.COMMUNICATIONS)),
      new DemoUser("auditor", "Ari", "Auditor", List.of(Groups.AUDITORS)),
      new DemoUser("owner", "Owen", "Owner", List.of(Groups.PROCESS_OWNERS)),
      new DemoUser("owner2", "Olga", "Owner", List.of(Groups.PROCESS_OWNERS)),
      new DemoUser("payments-dev", "Pat", "Payments", List.of(Groups.team("payments"))),
      new DemoUser("admin", "Ada", "Admin", List.of(Groups.CAMUNDA_ADMIN)),
      new DemoUser("support", "Sam", "Support", List.of(Groups.SUPPORT)));

  private final IdentityService identity;

  DemoUsers(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (DemoUser demo : USERS) {
      if (identity.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identity.newUser(demo.id());
        user.setFirstName(demo.first());
        user.setLastName(demo.last());
        user.setEmail(demo.id() + "@firebreak.example");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
      }
      for (String group : demo.groups()) {
        if (identity.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
          identity.createMembership(demo.id(), group);
        }
      }
    }
    log.warn("""

        ************************************************************************
        *  DEMO PROFILE: demo users exist with the password "demo":            *
        *  responder, manager, executive, comms, auditor, owner, owner2,       *
        *  payments-dev, admin, support. Never run the demo profile anywhere   *
        *  reachable                                                           *
        *  by others;                                                          *
        *  use --spring.profiles.active=postgres (no demo users).              *
        ************************************************************************""");
  }
}
