package dev.firebreak.imports;

import dev.firebreak.platform.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Imports on a real PostgreSQL. */
class ImportsOnPostgresIT extends AbstractImportsIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "imports");
  }
}
