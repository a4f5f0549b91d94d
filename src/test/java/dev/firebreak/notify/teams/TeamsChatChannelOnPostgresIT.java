package dev.firebreak.notify.teams;

import dev.firebreak.platform.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Teams adapter on a real PostgreSQL (teams_delivery, V30, its own transactions). */
class TeamsChatChannelOnPostgresIT extends TeamsChatChannelIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "teams");
  }
}
