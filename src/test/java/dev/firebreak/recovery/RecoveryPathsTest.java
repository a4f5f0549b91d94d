package dev.firebreak.recovery;

import dev.firebreak.incident.IncidentStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** recovery.bpmn, called from a real incident. */
class RecoveryPathsTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Autowired
  Incidents incidents;
  @Autowired
  Deployments deployments;

  ProcessInstance acknowledgedIncident() {
    engine.getIdentityService().setAuthentication("responder", RESPONDERS);
    ProcessInstance instance;
    try {
      instance = engine.getRuntimeService().startProcessInstanceByKey("incident", vars(
          "title", "Checkout errors after release", "service", "payments", "incidentType", "outage",
          "impactScope", "part-of-users"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(instance);
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", false));
    return instance;
  }

  String key(ProcessInstance instance) {
    return (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");
  }

  HistoricProcessInstance recoveryOf(ProcessInstance incident) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .superProcessInstanceId(incident.getId()).processDefinitionKey("recovery").singleResult();
  }

  @Test
  void rollbackWithDatabaseRestore() {
    ProcessInstance incident = acknowledgedIncident();
    String key = key(incident);
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Release 4.2.0 broke checkout", "recoveryStrategy", "rollback",
        "targetVersion", "4.1.3", "databaseChanged", true));
    complete(incident, "ApproveRollback", "manager", MANAGERS, vars(
        "rollbackDecision", "reject", "rollbackDecisionReason", "Try a smaller target first"));
    assertThat(hasTask(incident, "DiagnoseAndChooseRecovery")).as("rejection goes back to diagnosis").isTrue();

    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Release 4.2.0 broke checkout", "recoveryStrategy", "rollback",
        "targetVersion", "4.1.3", "databaseChanged", true));
    complete(incident, "ApproveRollback", "manager", MANAGERS, vars(
        "rollbackDecision", "approve", "rollbackDecisionReason", "Last stable"));
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals(
        "Deploy tool (recorded, not called): rollback of payments to 4.1.3"));
    complete(incident, "ConfirmDeployment", "responder", RESPONDERS, vars(
        "deploymentOutcome", "succeeded", "deploymentDetails", "done by hand"));
    assertThat(deployments.ofIncident(key)).as("the recording adapter, the default: a person confirmed it")
        .singleElement().satisfies(row -> {
          assertThat(row.tool()).isEqualTo("recorded");
          assertThat(row.outcome()).isEqualTo(DeploymentOutcome.SUCCEEDED);
          assertThat(row.finishedAt()).isNotNull();
        });
    complete(incident, "RestoreDatabase", "responder", RESPONDERS, vars(
        "restoredFrom", "PITR 14:29", "dataConsistent", "no", "consistencyNotes", "orders table short by 12"));
    assertThat(hasTask(incident, "RestoreDatabase")).as("inconsistent data: restore again").isTrue();
    complete(incident, "RestoreDatabase", "responder", RESPONDERS, vars(
        "restoredFrom", "PITR 14:28", "dataConsistent", "yes", "consistencyNotes", "counts match"));
    complete(incident, "VerifyRecovery", "responder", RESPONDERS, vars(
        "recoveryVerified", "yes", "verificationNotes", "green"));

    assertThat(recoveryOf(incident).getEndTime()).isNotNull();
    assertThat(incident).isWaitingAt("ConfirmServiceRestored");
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.MONITORING);
    assertThat(incidents.links(key)).anyMatch(l -> l.kind().equals("deployment"));
  }

  @Test
  void aFailedConsistencyCheckRestoresAgainWhateverWasAnswered() {
    ProcessInstance incident = acknowledgedIncident();
    String key = key(incident);
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Migration 88 corrupted orders", "recoveryStrategy", "rollback",
        "targetVersion", "4.1.3", "databaseChanged", true));
    complete(incident, "ApproveRollback", "manager", MANAGERS, vars("rollbackDecision", "approve",
        "rollbackDecisionReason", "Migration is the cause"));
    complete(incident, "ConfirmDeployment", "responder", RESPONDERS, vars("deploymentOutcome", "succeeded"));
    complete(incident, "RestoreDatabase", "responder", RESPONDERS, vars(
        "restoredFrom", "PITR 14:29", "restoredScope", "orders, payments tables", "dataConsistent", "yes",
        "consistencyNotes", "see checks", "consistencyChecks", org.camunda.spin.Spin.JSON("""
            [{"check": "Row counts against the replica", "result": "passed", "evidence": "orders 1,204,332 = 1,204,332"},
             {"check": "Ledger reconciliation", "result": "failed", "evidence": "12 payments missing"}]""")));
    assertThat(hasTask(incident, "RestoreDatabase")).as("a failed check: restore again").isTrue();
    assertThat(hasTask(incident, "VerifyRecovery")).isFalse();
    assertThat(incidents.timeline(key)).anySatisfy(entry -> {
      assertThat(entry.summary()).isEqualTo(
          "Database restored from PITR 14:29: 1 of 2 consistency checks failed or data not consistent; restore again");
      assertThat(entry.details().path("checks").get(1).path("evidence").asText()).isEqualTo("12 payments missing");
      assertThat(entry.details().path("restoredScope").asText()).isEqualTo("orders, payments tables");
    });
    complete(incident, "RestoreDatabase", "responder", RESPONDERS, vars(
        "restoredFrom", "PITR 14:28", "restoredScope", "orders, payments tables", "dataConsistent", "yes",
        "consistencyNotes", "all good", "consistencyChecks", org.camunda.spin.Spin.JSON("""
            [{"check": "Ledger reconciliation", "result": "passed", "evidence": "0 missing"}]""")));
    assertThat(hasTask(incident, "VerifyRecovery")).isTrue();
  }

  @Test
  void hotfixWithExpeditedReview() {
    ProcessInstance incident = acknowledgedIncident();
    String key = key(incident);
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Null check missing", "recoveryStrategy", "hotfix",
        "hotfixReference", "https://git.example/payments/pull/42"));
    var review = task(incident, "ExpeditedCodeReview");
    assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
        .extracting(link -> link.getGroupId()).contains("responders", "team-payments");
    complete(incident, "ExpeditedCodeReview", "payments-dev", List.of("team-payments"), vars(
        "reviewDecision", "approve", "reviewNotes", "Small and covered by a test"));
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals(
        "Deploy tool (recorded, not called): hotfix deployment of payments from https://git.example/payments/pull/42"));
    complete(incident, "ConfirmDeployment", "responder", RESPONDERS, vars("deploymentOutcome", "succeeded"));
    assertThat(hasTask(incident, "RestoreDatabase")).isFalse();
    complete(incident, "VerifyRecovery", "responder", RESPONDERS, vars(
        "recoveryVerified", "yes", "verificationNotes", "green"));

    assertThat(recoveryOf(incident).getEndTime()).isNotNull();
    assertThat(incident).isWaitingAt("ConfirmServiceRestored");
  }
}
