package dev.firebreak.incident;

import dev.firebreak.platform.time.EngineClock;

import static dev.firebreak.incident.IncidentProcess.*;


import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Creates the incident record, gives the process its key as business key, and fills in what the
 * declaration left out from the service catalog, so the severity decision always has its inputs.
 */
@Component("recordIncident")
class RecordIncident implements JavaDelegate {

  private final Incidents incidents;
  private final ServiceCatalog catalog;
  private final FirebreakProperties properties;

  private final EngineClock clock;

  RecordIncident(Incidents incidents, ServiceCatalog catalog, FirebreakProperties properties, EngineClock clock) {
    this.clock = clock;
    this.incidents = incidents;
    this.catalog = catalog;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    fillDefaults(execution);
    String key = INCIDENT_KEY.get(execution);
    if (key == null || incidents.find(key).isEmpty()) {
      key = incidents.record(new NewIncident(
          TITLE.require(execution), SERVICE.require(execution),
          INCIDENT_TYPE.require(execution).code(), IMPACT_SCOPE.require(execution).code(),
          DESCRIPTION.get(execution), DRILL.get(execution), SOURCE.get(execution),
          DECLARED_BY.get(execution), execution.getProcessInstanceId(),
          DETECTED_AT.get(execution).toInstant()));
      INCIDENT_KEY.set(execution, key);
    }
    execution.setProcessBusinessKey(key);
  }

  private void fillDefaults(DelegateExecution execution) {
    String service = SERVICE.require(execution);
    var entry = catalog.find(service);
    if (SERVICE_TIER.get(execution) == null) {
      SERVICE_TIER.set(execution, entry.map(FirebreakProperties.ServiceEntry::getTier).orElse(3));
    } else {
      SERVICE_TIER.set(execution, SERVICE_TIER.get(execution));
    }
    if (CUSTOMER_FACING.get(execution) == null) {
      CUSTOMER_FACING.set(execution, entry.map(FirebreakProperties.ServiceEntry::isCustomerFacing).orElse(false));
    }
    DATA_INTEGRITY_AT_RISK.set(execution, DATA_INTEGRITY_AT_RISK.getOrDefault(execution, false));
    DRILL.set(execution, DRILL.getOrDefault(execution, false));
    if (ALERT_SEVERITY.get(execution).isEmpty()) {
      ALERT_SEVERITY.set(execution, AlertSeverity.NONE);
    }
    if (DETECTED_AT.get(execution) == null) {
      DETECTED_AT.set(execution, Date.from(clock.now()));
    }
    if (SOURCE.get(execution) == null) {
      SOURCE.set(execution, DRILL.get(execution) ? "drill" : "tasklist");
    }
    ESCALATION_LEVEL.set(execution, 1);
    REQUESTED_ESCALATION_LEVEL.set(execution, 1);
    ESCALATION_CHECK_CYCLE.set(execution, properties.getEscalation().getCheckCycle());
    COMMANDER.set(execution, COMMANDER.get(execution));
    DESCRIPTION.set(execution, DESCRIPTION.get(execution));
  }
}
