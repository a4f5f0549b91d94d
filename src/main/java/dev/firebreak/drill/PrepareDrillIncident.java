package dev.firebreak.drill;

import static dev.firebreak.drill.DrillProcess.*;

import dev.firebreak.incident.IncidentProcess;
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
    Map<String, Object> scenario = scenarios.find(id).orElseThrow(() -> new ProcessEngineException(
        "Unknown drill scenario '" + id + "'; known: " + scenarios.ids()));
    List<String> participants = participants(DRILL_PARTICIPANTS.require(execution));
    PARTICIPANT_IDS.set(execution, new ArrayList<>(participants));
    IncidentProcess.TITLE.set(execution, "[DRILL] " + scenario.get("title"));
    IncidentProcess.SERVICE.set(execution, (String) scenario.get("service"));
    execution.setVariable(IncidentProcess.INCIDENT_TYPE.name(), scenario.get("incidentType"));
    execution.setVariable(IncidentProcess.IMPACT_SCOPE.name(), scenario.get("impactScope"));
    execution.setVariable(IncidentProcess.ALERT_SEVERITY.name(), scenario.get("alertSeverity"));
    IncidentProcess.DATA_INTEGRITY_AT_RISK.set(execution, Boolean.TRUE.equals(scenario.get("dataIntegrityAtRisk")));
    IncidentProcess.DESCRIPTION.set(execution, String.valueOf(scenario.get("description")));
    IncidentProcess.SOURCE.set(execution, "drill");
  }

  private List<String> participants(String raw) {
    List<String> ids = Arrays.stream(raw.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty())
        .distinct().toList();
    if (ids.isEmpty()) {
      throw new ProcessEngineException("A drill needs at least one participant");
    }
    List<String> unknown = ids.stream().filter(user -> EngineAccess.withoutAuthorization(
        () -> identity.createUserQuery().userId(user).count() == 0)).toList();
    if (!unknown.isEmpty()) {
      throw new ProcessEngineException("Unknown drill participant(s): " + String.join(", ", unknown)
          + ". Use Camunda user ids.");
    }
    return ids;
  }
}
