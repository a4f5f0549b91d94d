package dev.firebreak.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The connection pool covers the job executor's worst case (the burst that ran a pool of 10 dry
 * for 30 s in KillDuringBurstFaultIT): every job thread holds its job's transaction and may open a
 * second, own transaction (SlackDeliveries), and web requests (declarations, the API) still need
 * connections of their own. Both values are read from the running context, as configured.
 */
@SpringBootTest
@DirtiesContext
class ConnectionPoolSizingIT {

  /** Connections left for web requests while every job thread holds two. */
  static final int WEB_ROOM = 10;

  @Autowired
  DataSource dataSource;
  @Autowired
  CamundaBpmProperties camunda;

  @Test
  void thePoolHoldsTwoConnectionsPerJobThreadAndRoomForWebRequests() throws Exception {
    int jobThreads = camunda.getJobExecution().getMaxPoolSize();
    int pool = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
    assertThat(jobThreads).isGreaterThan(0);
    assertThat(pool)
        .as("pool of %d for %d job threads (2 connections each) and %d web requests", pool, jobThreads, WEB_ROOM)
        .isGreaterThanOrEqualTo(2 * jobThreads + WEB_ROOM);
  }
}
