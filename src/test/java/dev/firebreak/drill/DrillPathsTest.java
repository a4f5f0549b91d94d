package dev.firebreak.drill;

import dev.firebreak.incident.IncidentStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** drill.bpmn: a scenario run as a flagged drill incident, then training sign-off per participant. */
class DrillPathsTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Autowired
  Incidents incidents;
  @Autowired
  JdbcClient jdbc;

  @Test
  void quarterlyTimerIsScheduled() {
    Job timer = engine.getManagementService().createJobQuery().timers()
        .processDefinitionKey("drill").singleResult();
    assertThat(timer).as("the quarterly drill timer").isNotNull();
    assertThat(timer.getDuedate()).isInTheFuture();
  }

  @Test
  void drillRunsAsFlaggedIncidentAndEveryParticipantSignsOff() {
    engine.getIdentityService().setAuthentication("manager", MANAGERS);
    ProcessInstance drill;
    try {
      drill = engine.getRuntimeService().startProcessInstanceByKey("drill");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    complete(drill, "PlanDrillScenario", "manager", MANAGERS, vars(
        "drillScenario", "payment-db-connection", "drillParticipants", "responder, payments-dev"));

    ProcessInstance incident = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(drill.getId()).singleResult();
    String key = (String) engine.getRuntimeService().getVariable(incident.getId(), "incidentKey");
    IncidentRecord record = incidents.require(key);
    assertThat(record.drill()).isTrue();
    assertThat(record.title()).startsWith("[DRILL] ");
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("notification"))
        .isNotEmpty()
        .allMatch(e -> e.details().path("drill").asBoolean())
        .noneMatch(e -> e.summary().contains("#incidents "));

    complete(drill, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", false));
    // the status-update cadence still asks communications, but a drill never reaches the public
    moveClock(61);
    runDueJobs(drill);
    complete(drill, "ApprovePublicNotice", "comms", List.of("communications"), vars(
        "statusPhase", "identified", "statusMessage", "Drill: we found the cause."));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM status_update WHERE incident_key = ?").param(key)
        .query(Long.class).single()).as("status page entries of the drill").isZero();
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("notification"))
        .allMatch(e -> e.details().path("drill").asBoolean());
    complete(drill, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Drill: DB memory leak", "recoveryStrategy", "failover"));
    complete(drill, "VerifyRecovery", "responder", RESPONDERS, vars("recoveryVerified", "yes",
        "verificationNotes", "Backup serves"));
    complete(drill, "ConfirmServiceRestored", "responder", RESPONDERS, vars("serviceRestored", "yes",
        "resolutionSummary", "Drill resolved"));
    if (hasTask(drill, "DecideOnPostmortem")) {
      complete(drill, "DecideOnPostmortem", "manager", MANAGERS, vars("holdPostmortem", "no",
          "postmortemDecisionReason", "Drills are reviewed in Evaluate drill"));
    }
    complete(drill, "EvaluateDrill", "manager", MANAGERS, vars("drillEvaluation", "Switch-over took 20 minutes",
        "drillRating", 4, "drillImprovements", "Automate the switch-over"));

    var signOffs = tasks(drill, "SignOffTraining");
    assertThat(signOffs).extracting(t -> t.getAssignee()).containsExactlyInAnyOrder("responder", "payments-dev");
    var paymentsDevs = signOffs.stream().filter(t -> "payments-dev".equals(t.getAssignee())).findFirst().orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(drill, paymentsDevs, "responder", RESPONDERS,
            vars("trainingConfirmed", true, "trainingFeedback", "Signed for a colleague")))
        .as("a training sign-off is completed by the participant named on it")
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class)
        .hasMessageContaining("Only the participant named on this sign-off");
    for (var task : signOffs) {
      complete(drill, task, task.getAssignee(), List.of(), vars("trainingConfirmed", true,
          "trainingFeedback", "Clear roles"));
    }

    assertThat(drill).isEnded().hasPassed("RecordDrillResults");
    String signedOff = jdbc.sql("SELECT signed_off FROM drill_result WHERE process_instance_id = ?")
        .param(drill.getId()).query(String.class).single();
    assertThat(signedOff).isEqualTo("payments-dev,responder");
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.CLOSED);
  }

  @Test
  void theStartFormPlansTheDrillAtOnce() {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("drill")
        .latestVersion().singleResult().getId();
    // Tasklist's "Start process" shows plan-drill-scenario as the drill's start form
    var startForm = engine.getFormService().getStartFormData(definition).getCamundaFormRef();
    assertThat(startForm).as("the drill's start form").isNotNull();
    assertThat(startForm.getKey()).isEqualTo("plan-drill-scenario");
    engine.getIdentityService().setAuthentication("manager", MANAGERS);
    ProcessInstance drill;
    try {
      // a start form submits only its own editable fields
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition,
          vars("drillScenario", "search-outage", "drillParticipants", "responder", "drill", false)))
          .isInstanceOf(dev.firebreak.platform.process.SystemVariableRefusedException.class);
      // participants come from the directory: an unknown one is a 400 naming the field
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition,
          vars("drillScenario", "search-outage", "drillParticipants", "responder, nobody")))
          .isInstanceOf(dev.firebreak.platform.process.InvalidVariableException.class)
          .hasMessageContaining("nobody");
      drill = engine.getFormService().submitStartForm(definition,
          vars("drillScenario", "search-outage", "drillParticipants", "responder, payments-dev"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(drill);
    assertThat(hasTask(drill, "PlanDrillScenario")).as("planned already").isFalse();
    assertThat(drill).hasPassed("PrepareDrillIncident", "Gateway_DrillStarted");
    assertThat(engine.getRuntimeService().getVariable(drill.getId(), "drillInitiator")).isEqualTo("manager");
    assertThat(engine.getRuntimeService().getVariable(drill.getId(), "participantIds"))
        .isEqualTo(List.of("responder", "payments-dev"));
    ProcessInstance incident = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(drill.getId()).singleResult();
    assertThat(incident).as("the drill incident").isNotNull();
    IncidentRecord record = incidents.require(incidentKey(incident));
    assertThat(record.drill()).isTrue();
    assertThat(record.title()).startsWith("[DRILL]");
  }

  @Test
  void unknownParticipantIsRefusedWithAClearMessage() {
    ProcessInstance drill = engine.getRuntimeService().startProcessInstanceByKey("drill");
    var task = task(drill, "PlanDrillScenario");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), vars(
        "drillScenario", "payment-db-connection", "drillParticipants", "responder, nobody")))
        .hasMessageContaining("Unknown drill participant(s): nobody");
    assertThat(hasTask(drill, "PlanDrillScenario")).isTrue();
  }

  /**
   * Issue 11: the planning task's Participants are picked from the contact directory (options in
   * drillParticipantOptions when the task starts); the picker's Json list is checked and used.
   */
  @Test
  void thePlanningTaskPicksParticipantsFromTheDirectory() throws Exception {
    ProcessInstance drill = engine.getRuntimeService().startProcessInstanceByKey("drill");
    var task = task(drill, "PlanDrillScenario");
    Object options = engine.getTaskService().getVariable(task.getId(), DrillProcess.DRILL_PARTICIPANT_OPTIONS);
    var people = new com.fasterxml.jackson.databind.ObjectMapper().readTree(options.toString());
    List<String> offered = new java.util.ArrayList<>();
    people.forEach(p -> offered.add(p.path("value").asText()));
    assertThat(offered).contains("responder", "payments-dev", "manager");
    assertThat(people.toString()).contains("{\"label\":\"Rae Responder (responder)\",\"value\":\"responder\"}");

    var picked = org.camunda.spin.plugin.variable.SpinValues.jsonValue("[\"payments-dev\"]").create();
    complete(drill, "PlanDrillScenario", "manager", MANAGERS, vars(
        "drillScenario", "search-outage", "drillParticipants", picked));
    assertThat(engine.getRuntimeService().getVariable(drill.getId(), "participantIds")).isEqualTo(List.of("payments-dev"));
  }
}
