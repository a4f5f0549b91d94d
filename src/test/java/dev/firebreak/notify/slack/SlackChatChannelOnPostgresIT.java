package dev.firebreak.notify.slack;

import dev.firebreak.platform.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Slack adapter and interactions on a real PostgreSQL (slack_delivery, its own transactions). */
class SlackChatChannelOnPostgresIT extends SlackChatChannelIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "slack");
  }
}
