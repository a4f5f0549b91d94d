package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.directory.Directory;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.time.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Creates the incident record, gives the process its key as business key, and fills in what the
 * declaration left out (see {@link IncidentDeclaration#withDefaults}), so the severity decision
 * always has its inputs.
 */
@Component("recordIncident")
class RecordIncident implements JavaDelegate {

  private final Incidents incidents;
  private final ServiceCatalog catalog;
  private final FirebreakProperties properties;
  private final EngineClock clock;
  private final Directory directory;

  RecordIncident(Incidents incidents, ServiceCatalog catalog, FirebreakProperties properties, EngineClock clock,
      Directory directory) {
    this.clock = clock;
    this.directory = directory;
    this.incidents = incidents;
    this.catalog = catalog;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    IncidentDeclaration declaration = IncidentDeclaration.from(execution).requireEssentials()
        .withDefaults(catalog, clock.now());
    declaration.writeTo(execution);
    startRunning(execution);
    String key = INCIDENT_KEY.get(execution);
    if (!incidents.exists(key)) {
      // a key the alert processor reserved for this start is taken; any other is replaced by a fresh one
      key = incidents.record(declaration, DECLARED_BY.get(execution), execution.getProcessInstanceId(), key);
      INCIDENT_KEY.set(execution, key);
      if (!catalog.knows(declaration.service())) {
        incidents.note(key, null, TimelineEntry.Kind.DECLARED, SERVICE_NOTE.get(execution),
            java.util.Map.of("service", declaration.service(), "serviceKnown", false));
      }
    }
    execution.setProcessBusinessKey(key);
  }

  /**
   * The variables the running incident keeps: escalation at level 1, no commander yet, the owning team,
   * whether the catalog knows the service (and, when it does not, the note triage sees).
   */
  private void startRunning(DelegateExecution execution) {
    String service = SERVICE.require(execution);
    OWNING_TEAM_GROUP.set(execution, directory.owningTeamGroup(service));
    boolean known = catalog.knows(service);
    SERVICE_KNOWN.set(execution, known);
    if (!known && SERVICE_NOTE.get(execution) == null) {
      SERVICE_NOTE.set(execution, incidents.words().get("service.unknown", service));
    }
    ESCALATION_LEVEL.set(execution, 1);
    REQUESTED_ESCALATION_LEVEL.set(execution, 1);
    ESCALATION_CHECK_CYCLE.set(execution, properties.getEscalation().getCheckCycle());
    COMMANDER.set(execution, COMMANDER.get(execution));
  }
}
