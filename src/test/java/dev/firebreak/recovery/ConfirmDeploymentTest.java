package dev.firebreak.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** Confirm deployment asks for the answer with an empty field; the deploy tool's instruction is text beside it. */
class ConfirmDeploymentTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Test
  void theInstructionIsNotPrefilledAsTheAnswer() {
    ProcessInstance incident = declareIncident("responder", RESPONDERS, vars(
        "title", "Checkout errors after release", "service", "payments", "incidentType", "outage",
        "impactScope", "part-of-users"));
    complete(incident, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", false));
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Release 4.2.0 broke checkout", "recoveryStrategy", "rollback",
        "targetVersion", "4.1.3", "databaseChanged", false));
    complete(incident, "ApproveRollback", "manager", MANAGERS, vars(
        "rollbackDecision", "approve", "rollbackDecisionReason", "Last stable"));

    var confirm = task(incident, "ConfirmDeployment");
    assertThat(engine.getTaskService().getVariable(confirm.getId(), "deploymentDetails")).as("the answer field").isNull();
    assertThat(engine.getTaskService().getVariable(confirm.getId(), "deploymentOutcome")).isNull();
    assertThat((String) engine.getTaskService().getVariable(confirm.getId(), "deploymentInstructions"))
        .isEqualTo("No deploy tool is configured: run the rollback of payments to 4.1.3 by hand, then confirm it here.");
  }
}
