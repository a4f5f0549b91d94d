package dev.firebreak.kpi;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which node of the cluster exports the KPI histograms: the one holding the database lease
 * {@code incident-kpis} of {@code kpi_exporter_lease}. A node renews it whenever it is scraped while
 * holding it; another node takes it only once it has expired (the holder stopped being scraped: it is
 * down, or away from the database). One conditional UPDATE, so two nodes never both hold it.
 */
@Component
class ExporterLease {

  static final String NAME = "incident-kpis";
  private static final Logger log = LoggerFactory.getLogger(ExporterLease.class);

  private final JdbcClient jdbc;
  private final KpiProperties properties;
  private final String node;

  ExporterLease(JdbcClient jdbc, KpiProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  String node() {
    return node;
  }

  /** Takes or renews the lease; true when this node holds it now. False when the database cannot say. */
  boolean acquire() {
    Instant now = Instant.now();
    Duration length = properties.getMetrics().getLease();
    try {
      return jdbc.sql("""
          UPDATE kpi_exporter_lease SET holder = :node, expires_at = :until
          WHERE lease_name = :name AND (holder = :node OR holder IS NULL OR expires_at IS NULL OR expires_at < :now)""")
          .param("node", node).param("until", KpiFigures.utc(now.plus(length))).param("name", NAME)
          .param("now", KpiFigures.utc(now)).update() == 1;
    } catch (RuntimeException e) {
      log.debug("The KPI exporter lease could not be read", e);
      return false;
    }
  }
}
