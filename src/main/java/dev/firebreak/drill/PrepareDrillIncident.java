package dev.firebreak.drill;

import dev.firebreak.platform.process.InvalidVariableException;

import static dev.firebreak.drill.DrillProcess.*;

import dev.firebreak.incident.AlertSeverity;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentDeclaration;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.process.EngineAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Turns the chosen scenario into the drill incident's declaration and checks the participants. */
@Component("prepareDrillIncident")
class PrepareDrillIncident implements JavaDelegate {

  private final DrillScenarios scenarios;
  private final IdentityService identity;

  PrepareDrillIncident(DrillScenarios scenarios, @Lazy IdentityService identity) {
    this.scenarios = scenarios;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = DRILL_SCENARIO.require(execution);
    Map<String, Object> scenario = scenarios.find(id).orElseThrow(() -> new InvalidVariableException("drillScenario",
        "Unknown drill scenario '" + id + "'; known: " + scenarios.ids()));
    List<String> participants = participants(DRILL_PARTICIPANTS.require(execution));
    PARTICIPANT_IDS.set(execution, new ArrayList<>(participants));
    execution.setVariables(declaration(id, scenario).toVariables());
  }

  /** The drill incident's declaration; the incident process marks it a drill and fills in the rest. */
  static IncidentDeclaration declaration(String id, Map<String, Object> scenario) {
    return new IncidentDeclaration("[DRILL] " + scenario.get("title"), (String) scenario.get("service"),
        choice(id, scenario, IncidentProcess.INCIDENT_TYPE.name(), IncidentType.class),
        choice(id, scenario, IncidentProcess.IMPACT_SCOPE.name(), ImpactScope.class),
        null, null, Boolean.TRUE.equals(scenario.get("dataIntegrityAtRisk")),
        choice(id, scenario, IncidentProcess.ALERT_SEVERITY.name(), AlertSeverity.class),
        String.valueOf(scenario.get("description")), null, null, IncidentDeclaration.SOURCE_DRILL);
  }

  private static <E extends Enum<E> & Coded> E choice(String id, Map<String, Object> scenario, String field,
      Class<E> choices) {
    Object code = scenario.get(field);
    if (code == null) {
      return null;
    }
    return Coded.fromCode(choices, String.valueOf(code)).orElseThrow(() -> new ProcessEngineException(
        "Drill scenario '" + id + "' has " + field + " '" + code + "', not one of " + Coded.codes(choices)));
  }

  private List<String> participants(Object raw) {
    List<String> ids = dev.firebreak.directory.Directory.ids(raw);
    if (ids.isEmpty()) {
      throw new InvalidVariableException("drillParticipants", "A drill needs at least one participant");
    }
    List<String> unknown = ids.stream().filter(user -> EngineAccess.withoutAuthorization(
        () -> identity.createUserQuery().userId(user).count() == 0)).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariableException("drillParticipants", "Unknown drill participant(s): " + String.join(", ", unknown)
          + ". Use Camunda user ids.");
    }
    return ids;
  }
}
