package dev.firebreak.kpi;

import dev.firebreak.platform.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The KPIs on a real PostgreSQL. */
class KpiOnPostgresIT extends AbstractKpiIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "kpis");
  }
}
