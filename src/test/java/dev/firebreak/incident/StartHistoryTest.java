package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * What an incident start leaves in Camunda's history (docs/BENCHMARKS.md, "Incidents start fast",
 * third round): every variable's history, the activities and the decisions with their inputs, but
 * no update row per variable write (firebreak.history.variable-updates, default false); and the
 * timers of *Respond to incident* get their due dates without a class-path scan per timer.
 */
class StartHistoryTest extends ProcessTestSupport {

  @Test
  void aStartKeepsEachVariablesHistoryAndTheDecisionsButNoUpdateRowPerWrite() {
    ProcessInstance instance = startIncident("responder", List.of("responders"),
        RespondStartTest.paymentOutage("Payments failing, history kept"));
    HistoryService history = engine.getHistoryService();

    HistoricVariableInstance severity = history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("severity").singleResult();
    assertThat(severity).as("the severity's history").isNotNull();
    assertThat(severity.getValue()).isEqualTo(engine.getRuntimeService().getVariable(instance.getId(), "severity"));
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).count())
        .as("every variable of the start has its history").isGreaterThan(20);
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates().count())
        .as("no update row per variable write").isZero();

    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(instance.getId())
        .includeInputs().includeOutputs().list())
        .as("Assess severity and Plan notifications, with their inputs and outputs")
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(decision -> {
          assertThat(decision.getInputs()).isNotEmpty();
          assertThat(decision.getOutputs()).isNotEmpty();
        });
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("RecordIncident").count()).isEqualTo(1);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("TriageIncident").count()).isEqualTo(1);
  }

  @Test
  void theResponsesTimersAreDueWithTheJdksDatatypeFactoryNamedOnce() throws Exception {
    ProcessInstance instance = startIncident("responder", List.of("responders"),
        RespondStartTest.paymentOutage("Payments failing, timers set"));

    List<Job> timers = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .timers().list();
    assertThat(timers).as("escalation check, status updates, first notice, escalate at once").hasSize(4)
        .allSatisfy(timer -> assertThat(timer.getDuedate()).isNotNull());
    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
        .isEqualTo(DatatypeFactory.newDefaultInstance().getClass().getName());
  }
}
