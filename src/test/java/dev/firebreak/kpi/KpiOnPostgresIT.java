package dev.firebreak.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.platform.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The KPIs on a real PostgreSQL. */
class KpiOnPostgresIT extends AbstractKpiIT {

  /**
   * PostgreSQL tells the node which records were written (IncidentChanges); when the listening
   * connection is lost the figures compare the table instead, and the node listens again.
   */
  @Test
  void theFiguresStayCurrentWhenTheListeningConnectionIsLostAndItListensAgain() {
    String payments = PERIOD + "&service=payments";
    assertThat(count(payments)).isEqualTo(3);
    assertThat(listeners()).isEqualTo(1);
    jdbc.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")
        .param(IncidentChanges.APPLICATION_NAME).query(Boolean.class).list();
    insert("KPI-L", "payments", "outage", "SEV2", "closed", false, false, "api", null, "2025-02-02T00:00:00Z",
        "2025-02-02T00:00:00Z", null, "2025-02-02T02:00:00Z", "2025-02-02T03:00:00Z", "2025-02-02T04:00:00Z");
    assertThat(count(payments)).as("written while nobody listened").isEqualTo(4);
    assertThat(count(payments)).isEqualTo(4);
    assertThat(listeners()).as("listening again").isEqualTo(1);
    jdbc.sql("UPDATE incident SET status = 'dismissed' WHERE incident_key = 'KPI-L'").update();
    assertThat(count(payments)).as("told by the database again").isEqualTo(3);
    jdbc.sql("DELETE FROM incident WHERE incident_key = 'KPI-L'").update();
    assertThat(count(payments)).isEqualTo(3);
  }

  private long count(String query) {
    JsonNode groups = kpis("manager", query).path("groups");
    assertThat(groups).hasSize(1);
    return groups.get(0).path("n").asLong();
  }

  private int listeners() {
    return jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?")
        .param(IncidentChanges.APPLICATION_NAME).query(Integer.class).single();
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "kpis");
  }
}
