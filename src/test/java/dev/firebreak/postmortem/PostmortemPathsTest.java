package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** postmortem.bpmn after a SEV1, with two action items, as Tasklist submits them. */
class PostmortemPathsTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Autowired
  Incidents incidents;
  @Autowired
  Postmortems postmortems;

  @Test
  void postmortemWithTwoActionItemsIsApprovedAndPublished() {
    engine.getIdentityService().setAuthentication("responder", RESPONDERS);
    ProcessInstance incident;
    try {
      incident = engine.getRuntimeService().startProcessInstanceByKey("incident", vars(
          "title", "Payment DB connection failure", "service", "payments", "incidentType", "database",
          "impactScope", "all-users"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(incident);
    String key = (String) engine.getRuntimeService().getVariable(incident.getId(), "incidentKey");
    complete(incident, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", false));
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Primary DB leaks memory", "recoveryStrategy", "failover"));
    complete(incident, "VerifyRecovery", "responder", RESPONDERS, vars("recoveryVerified", "yes",
        "verificationNotes", "Backup DB serves payments"));
    complete(incident, "ConfirmServiceRestored", "responder", RESPONDERS, vars("serviceRestored", "yes",
        "resolutionSummary", "Switched to the backup database"));
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.POSTMORTEM);

    complete(incident, "SchedulePostmortemMeeting", "manager", MANAGERS, vars("meetingAt", "2026-11-27T10:00",
        "meetingParticipants", "responder, manager", "facilitator", "manager"));
    var written = Variables.createVariables()
        .putValue("postmortemSummary", "Payments unavailable for all users for 2h15m")
        .putValue("customerImpact", "All users could not pay")
        .putValue("rootCause", "Memory leak on the primary DB; pool failed to release connections")
        .putValue("responseTimeline", "14:35 checked DB; 15:30 switched to backup; 16:30 confirmed")
        .putValue("preventionMeasures", "DB memory monitoring; pool logic tests")
        .putValue("followUp", "Apology and compensation policy")
        .putValue("lessonsLearned", "Shorten the switch-over time")
        .putValueTyped("actionItems", SpinValues.jsonValue("""
            [{"title":"Alert on DB memory","owner":"responder","dueDate":"2026-12-15"},
             {"title":"Fix connection pool release","owner":"payments-dev","dueDate":"2026-12-20"}]""").create());
    complete(incident, "WritePostmortem", "responder", RESPONDERS, written);
    complete(incident, "ApprovePostmortem", "manager", MANAGERS, vars(
        "postmortemDecision", "reject", "postmortemReviewNotes", "Add the detection gap"));
    complete(incident, "WritePostmortem", "responder", RESPONDERS, vars(
        "rootCause", "Memory leak on the primary DB; pool failed to release connections; alert came late"));
    complete(incident, "ApprovePostmortem", "manager", MANAGERS, vars(
        "postmortemDecision", "approve", "postmortemReviewNotes", "Good"));

    assertThat(incident).isEnded().hasPassed("RunPostmortem", "IncidentClosed");
    assertThat(postmortems.actionItems(key)).extracting(Postmortems.ActionItem::title)
        .containsExactlyInAnyOrder("Alert on DB memory", "Fix connection pool release");
    assertThat(postmortems.actionItems(key)).allMatch(item -> item.trackerKey() != null);
    String report = postmortems.report(key).orElseThrow();
    assertThat(report).contains("## 1. Overview", "## 2. Detection", "## 3. Communication", "## 4. Response actions",
        "## 5. Root cause", "## 6. Prevention", "## 7. Follow-up", "## 8. Lessons learned",
        "alert came late", "- [ ] Fix connection pool release — payments-dev, due 2026-12-20");
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.CLOSED);

    // the incident closed; the action items are followed up to done in their own process
    ProcessInstance followUp = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ActionItemFollowUpProcess.ID).processInstanceBusinessKey(key).singleResult();
    assertThat(followUp).isWaitingAt(ActionItemFollowUpProcess.Elements.AWAIT_ACTION_ITEM_DONE);
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(followUp.getId())
        .eventName(ActionItemFollowUpProcess.MESSAGE_ACTION_ITEM_DONE).count()).isEqualTo(2);
    // and the (recorded) tracking issue follows the incident to resolved and closed in jobs of its own
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(dev.firebreak.tracking.TrackingProcess.ID).processInstanceBusinessKey(key).count())
        .isEqualTo(2);
  }
}
