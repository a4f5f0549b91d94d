package dev.firebreak.incident;

import dev.firebreak.platform.time.EngineClock;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.web.FieldChecks;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Declares incidents from the API: validates everything first, then starts the incident process. */
@Service
public class IncidentDeclarations {

  private final RuntimeService runtime;
  private final ServiceCatalog catalog;
  private final EngineClock clock;

  IncidentDeclarations(@Lazy RuntimeService runtime, ServiceCatalog catalog, EngineClock clock) {
    this.clock = clock;
    this.runtime = runtime;
    this.catalog = catalog;
  }

  /** Returns the new incident's key. Nothing is stored when the request is invalid. */
  @Transactional
  public String declare(DeclareIncidentRequest request) {
    validate(request);
    Map<String, Object> variables = new HashMap<>();
    variables.put(TITLE.name(), request.title().trim());
    variables.put(SERVICE.name(), request.service());
    variables.put(INCIDENT_TYPE.name(), request.incidentType());
    variables.put(IMPACT_SCOPE.name(), request.impactScope());
    variables.put(SERVICE_TIER.name(), request.serviceTier());
    variables.put(CUSTOMER_FACING.name(), request.customerFacing());
    variables.put(DATA_INTEGRITY_AT_RISK.name(), request.dataIntegrityAtRisk());
    variables.put(ALERT_SEVERITY.name(), request.alertSeverity());
    variables.put(DESCRIPTION.name(), request.description());
    variables.put(SOURCE.name(), "api");
    if (request.detectedAt() != null) {
      variables.put(DETECTED_AT.name(), Date.from(request.detectedAt().toInstant()));
    }
    variables.values().removeIf(java.util.Objects::isNull);
    // validated above; the person stays the initiator, Firebreak writes source and the fields
    ProcessInstanceWithVariables instance = EngineAccess.asSystem(() -> runtime.createProcessInstanceByKey(ID)
        .setVariables(variables)
        .executeWithVariablesInReturn());
    return (String) instance.getVariables().get(INCIDENT_KEY.name());
  }

  private void validate(DeclareIncidentRequest request) {
    FieldChecks checks = new FieldChecks();
    if (request == null) {
      checks.add("body", "is required").throwIfAny();
    }
    checks.required("title", request.title(), 200)
        .oneOf("service", request.service(), catalog.names())
        .oneOf("incidentType", request.incidentType(), IncidentType.class, true)
        .oneOf("impactScope", request.impactScope(), ImpactScope.class, true)
        .range("serviceTier", request.serviceTier(), 1, 3)
        .oneOf("alertSeverity", request.alertSeverity(), AlertSeverity.class, false)
        .maxLength("description", request.description(), 4000)
        .check(request.detectedAt() == null || !request.detectedAt().toInstant().isAfter(clock.now().plusSeconds(300)),
            "detectedAt", "must not be in the future");
    checks.throwIfAny();
  }
}
