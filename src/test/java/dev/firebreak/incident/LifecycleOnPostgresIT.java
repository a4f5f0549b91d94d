package dev.firebreak.incident;

import dev.firebreak.platform.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The lifecycle on a real PostgreSQL. */
class LifecycleOnPostgresIT extends AbstractLifecycleIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "lifecycle");
  }
}
