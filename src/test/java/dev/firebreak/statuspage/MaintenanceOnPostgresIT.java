package dev.firebreak.statuspage;

import dev.firebreak.platform.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Scheduled maintenance and the subscriber outbox on a real PostgreSQL (V6 and its queries). */
class MaintenanceOnPostgresIT extends MaintenanceIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "maintenance");
  }
}
