package dev.firebreak.incident;

import dev.firebreak.platform.time.EngineClock;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.web.FieldChecks;
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
    // validated above; the person stays the initiator, Firebreak writes source and the fields
    ProcessInstanceWithVariables instance = EngineAccess.asSystem(() -> runtime.createProcessInstanceByKey(ID)
        .setVariables(request.declaration().toVariables())
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
