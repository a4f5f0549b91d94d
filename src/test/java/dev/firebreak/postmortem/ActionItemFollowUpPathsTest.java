package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.ActionItemFollowUpProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentDeclaration;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.platform.ProcessTestSupport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * action-item-follow-up.bpmn: one wait per open action item, correlated by the incident key and the
 * item's issue key; a reminder when an item passes its due date; the end when all are done. The
 * engine clock is moved, nothing sleeps.
 */
class ActionItemFollowUpPathsTest extends ProcessTestSupport {

  @Autowired
  Incidents incidents;
  @Autowired
  Postmortems postmortems;
  @Autowired
  ActionItemFollowUp followUp;

  String key;
  /** The items' issue keys, unique per test (the tests share one database). */
  String first;
  String second;

  @BeforeEach
  void incidentWithTwoActionItems() {
    // 2026-12-01 09:00 in Seoul (the configured zone)
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T00:00:00Z")));
    key = incidents.record(new IncidentDeclaration("Payment DB connection failure", "payments", IncidentType.DATABASE,
        ImpactScope.ALL_USERS, null, null, null, null, null, ClockUtil.getCurrentTime().toInstant(), false, "api"),
        "responder", null);
    String project = "T" + key.substring(key.lastIndexOf('-') + 1);
    first = project + "-1";
    second = project + "-2";
    postmortems.saveActionItem(new Postmortems.ActionItem(key, 0, "Alert on DB memory", "responder", "2026-12-15",
        first, "open"));
    postmortems.saveActionItem(new Postmortems.ActionItem(key, 1, "Fix connection pool release", "payments-dev",
        "2026-12-20", second, "open"));
  }

  ProcessInstance start() {
    return engine.getRuntimeService().startProcessInstanceByKey(ActionItemFollowUpProcess.ID, key,
        vars("incidentKey", key));
  }

  long waiting(ProcessInstance instance) {
    return engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(instance.getId())
        .eventName(ActionItemFollowUpProcess.MESSAGE_ACTION_ITEM_DONE).count();
  }

  @Test
  void eachDoneItemIsCorrelatedByItsIssueAndTheLastOneEndsTheFollowUp() {
    ProcessInstance instance = start();
    assertThat(instance).isWaitingAt(AWAIT_ACTION_ITEM_DONE);
    assertThat(waiting(instance)).isEqualTo(2);

    assertThat(followUp.issueDone(second)).contains(key);
    assertThat(waiting(instance)).isEqualTo(1);
    assertThat(engine.getRuntimeService().createExecutionQuery().processInstanceId(instance.getId())
        .activityId(AWAIT_ACTION_ITEM_DONE).variableValueEquals("actionItemKey", first).count()).isOne();
    assertThat(followUp.issueDone(second)).as("a repeated update of a done issue").isEmpty();
    assertThat(followUp.issueDone("OTHER-1")).as("an issue that is no action item").isEmpty();
    assertThat(instance).isNotEnded();

    assertThat(followUp.issueDone(first)).contains(key);
    assertThat(instance).isEnded().hasPassed(NOTE_ACTION_ITEMS_DONE, END_ALL_DONE).hasNotPassed(REMIND_OWNER);
    assertThat(incidents.timeline(key)).extracting(e -> e.summary()).contains("Action item " + second + " is done",
        "Action item " + first + " is done", "All 2 action items are done");
  }

  @Test
  void anItemDoneBeforeTheFollowUpStartsIsNotAwaited() {
    followUp.issueDone(first);
    ProcessInstance instance = start();
    assertThat(waiting(instance)).isEqualTo(1);
    assertThat(engine.getRuntimeService().createExecutionQuery().processInstanceId(instance.getId())
        .activityId(AWAIT_ACTION_ITEM_DONE).variableValueEquals("actionItemKey", second).count()).isOne();
    followUp.issueDone(second);
    assertThat(instance).isEnded().hasPassed(END_ALL_DONE);
  }

  @Test
  void anItemStillOpenAfterItsDueDateIsRemindedOnceAndStillAwaited() {
    ProcessInstance instance = start();
    List<Job> timers = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().list();
    assertThat(timers).hasSize(2).extracting(Job::getDuedate).containsExactlyInAnyOrder(
        Date.from(java.time.LocalDate.parse("2026-12-16").atStartOfDay(ZoneId.of("Asia/Seoul")).toInstant()),
        Date.from(java.time.LocalDate.parse("2026-12-21").atStartOfDay(ZoneId.of("Asia/Seoul")).toInstant()));

    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-16T00:00:00Z")));
    runJobs(instance);
    assertThat(incidents.timeline(key)).filteredOn(e -> e.summary().startsWith("Overdue action item"))
        .extracting(e -> e.summary()).containsExactly("Overdue action item of " + key
            + ": \"Alert on DB memory\" (owner responder, due 2026-12-15) is not done yet.");
    // the recording tracker shows the comment the owner would get on the issue
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().startsWith("Tracking comment (recorded, not sent) on " + first));
    assertThat(waiting(instance)).isEqualTo(2);

    followUp.issueDone(first);
    followUp.issueDone(second);
    assertThat(instance).isEnded().hasPassed(REMIND_OWNER, END_ALL_DONE);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  /** Runs every due job of the instance. */
  void runJobs(ProcessInstance instance) {
    for (int i = 0; i < 20; i++) {
      List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(due.get(0).getId());
    }
  }
}
