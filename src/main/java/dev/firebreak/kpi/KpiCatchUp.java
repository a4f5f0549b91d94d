package dev.firebreak.kpi;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, what KPIs would otherwise miss for good once the engine's history is cleaned, copied
 * while the history still knows it (idempotent; every node may run it, a row another node wrote first
 * only rolls back that incident's own transaction):
 *
 * <ul>
 *   <li>the definition versions ({@code incident_definition_version}, V22) of closed incidents that
 *       have none: incidents closed before V22 existed;</li>
 *   <li>the step times ({@code incident_step}) of closed incidents that have none: a node that died
 *       between the closing commit and the snapshot right after it.</li>
 * </ul>
 *
 * Only incidents whose process instance is still in the history are tried, so an incident whose
 * history is gone costs nothing at the next start.
 */
@Component
class KpiCatchUp {

  private static final Logger log = LoggerFactory.getLogger(KpiCatchUp.class);
  private static final String IN_HISTORY = "i.status = 'closed' AND i.process_instance_id IS NOT NULL "
      + "AND EXISTS (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = i.process_instance_id)";

  private final JdbcClient jdbc;
  private final DefinitionVersions versions;
  private final StepTimes steps;
  private final KpiProperties properties;
  private final TransactionTemplate ownTransaction;

  KpiCatchUp(JdbcClient jdbc, DefinitionVersions versions, StepTimes steps, KpiProperties properties,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.versions = versions;
    this.steps = steps;
    this.properties = properties;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    if (!properties.isCatchUpOnStart()) {
      return;
    }
    try {
      Result result = run();
      if (result.versions() + result.steps() > 0) {
        log.info("KPI catch-up: definition versions of {} closed incidents, step times of {}", result.versions(),
            result.steps());
      }
    } catch (RuntimeException e) {
      log.warn("KPI catch-up did not finish; it runs again at the next start", e);
    }
  }

  /** How many incidents got their definition versions and their step times. */
  record Result(int versions, int steps) {
  }

  /** Back-fills both; returns how many incidents got rows. */
  Result run() {
    int recorded = 0;
    for (String key : jdbc.sql("SELECT i.incident_key FROM incident i WHERE " + IN_HISTORY
        + " AND NOT EXISTS (SELECT 1 FROM incident_definition_version v WHERE v.incident_key = i.incident_key) "
        + "ORDER BY i.incident_key").query(String.class).list()) {
      Integer added = own(key, () -> versions.record(key));
      recorded += added != null && added > 0 ? 1 : 0;
    }
    int snapshots = 0;
    List<String> withoutSteps = jdbc.sql("SELECT i.incident_key FROM incident i WHERE " + IN_HISTORY
        + " AND NOT EXISTS (SELECT 1 FROM incident_step s WHERE s.incident_key = i.incident_key) "
        + "ORDER BY i.incident_key").query(String.class).list();
    for (String key : withoutSteps) {
      Integer saved = own(key, () -> steps.snapshot(key));
      snapshots += saved != null && saved > 0 ? 1 : 0;
    }
    return new Result(recorded, snapshots);
  }

  private Integer own(String key, java.util.function.Supplier<Integer> work) {
    try {
      return ownTransaction.execute(status -> work.get());
    } catch (RuntimeException e) {
      log.warn("KPI catch-up skipped {}", key, e);
      return null;
    }
  }
}
