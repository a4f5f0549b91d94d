package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentDeclaration;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.ProcessTestSupport;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * postmortem.bpmn's timer Post-mortem overdue (issue 14.4): at the due time (the policy's
 * postmortemDueIn after resolution) an unapproved post-mortem reminds its owner — the meeting's
 * facilitator — once, by e-mail and on the timeline, and the work goes on; an approved one is not
 * reminded. The engine clock is moved, nothing sleeps.
 */
class PostmortemReminderPathsTest extends ProcessTestSupport {

  static final List<String> MANAGERS = List.of("incident-managers", "responders");
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @Autowired
  Incidents incidents;
  @Autowired
  PostmortemRecords records;

  String key;

  @BeforeEach
  void resolvedIncident() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    key = incidents.record(new IncidentDeclaration("Payment DB connection failure", "payments", IncidentType.DATABASE,
        ImpactScope.ALL_USERS, null, null, null, null, null, NOW, false, "api"), "responder", null);
    incidents.classify(key, null, null, null, null, "manager");
  }

  ProcessInstance startPostmortem(String dueIn) {
    return engine.getRuntimeService().startProcessInstanceByKey(PostmortemProcess.ID, key,
        vars("incidentKey", key, PostmortemProcess.POSTMORTEM_DUE_IN.name(), dueIn));
  }

  List<Job> timers(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().list();
  }

  @Test
  void anOverduePostmortemRemindsItsOwnerOnceAndTheWorkGoesOn() {
    ProcessInstance instance = startPostmortem("P5D");
    // owned by the commander until a facilitator is chosen; due five days on (nothing resolved yet: from now)
    PostmortemRecords.PostmortemRecord record = records.find(key).orElseThrow();
    assertThat(record.owner()).isEqualTo("manager");
    assertThat(record.dueAt()).isEqualTo(NOW.plus(java.time.Duration.ofDays(5)));
    assertThat(timers(instance)).singleElement().extracting(Job::getDuedate)
        .isEqualTo(Date.from(NOW.plus(java.time.Duration.ofDays(5))));

    complete(instance, PostmortemProcess.Elements.SCHEDULE_MEETING, "manager", MANAGERS, vars(
        "meetingAt", "2026-12-03T14:00", "meetingParticipants", "responder", "facilitator", "payments-dev"));
    assertThat(records.find(key).orElseThrow().owner()).as("the facilitator owns it now").isEqualTo("payments-dev");
    assertThat(instance).isWaitingAt(PostmortemProcess.Elements.WRITE_POSTMORTEM);

    ClockUtil.setCurrentTime(Date.from(NOW.plus(java.time.Duration.ofDays(4))));
    runDueJobs(instance);
    assertThat(instance).hasNotPassed(PostmortemProcess.Elements.REMIND_OWNER);

    ClockUtil.setCurrentTime(Date.from(NOW.plus(java.time.Duration.ofDays(5)).plusSeconds(60)));
    runDueJobs(instance);
    assertThat(instance).hasPassed(PostmortemProcess.Elements.REMIND_OWNER)
        .isWaitingAt(PostmortemProcess.Elements.WRITE_POSTMORTEM);
    List<TimelineEntry> timeline = incidents.timeline(key);
    assertThat(timeline).filteredOn(e -> e.summary().startsWith("Post-mortem overdue")).extracting(TimelineEntry::summary)
        .containsExactly("Post-mortem overdue (due 2026-12-06 09:00 KST): owner payments-dev reminded");
    assertThat(timeline).filteredOn(e -> TimelineEntry.Kind.NOTIFICATION.equals(e.kind()) && e.details() != null
            && e.details().path("subject").asText().endsWith(key + " Post-mortem overdue: Payment DB connection failure"))
        .as("%s", timeline).singleElement().satisfies(mail -> assertThat(mail.details().get("to").toString())
            .isEqualTo("[\"payments-dev@firebreak.example\"]"));
    assertThat(records.find(key).orElseThrow().remindedAt()).isNotNull();
    assertThat(records.find(key).orElseThrow().overdue(ClockUtil.getCurrentTime().toInstant())).isTrue();

    // a day later nothing more: one reminder
    ClockUtil.setCurrentTime(Date.from(NOW.plus(java.time.Duration.ofDays(6))));
    runDueJobs(instance);
    assertThat(incidents.timeline(key)).filteredOn(e -> e.summary().startsWith("Post-mortem overdue")).hasSize(1);
    assertThat(timers(instance)).isEmpty();
  }

  @Test
  void aPostmortemApprovedInTimeIsNotReminded() {
    ProcessInstance instance = startPostmortem("P7D");
    complete(instance, PostmortemProcess.Elements.SCHEDULE_MEETING, "manager", MANAGERS, vars(
        "meetingAt", "2026-12-03T14:00", "meetingParticipants", "responder", "facilitator", "manager"));
    complete(instance, PostmortemProcess.Elements.WRITE_POSTMORTEM, "responder", List.of("responders"), vars(
        "postmortemSummary", "Payments down", "customerImpact", "No payments", "rootCause", "Pool leak",
        "responseTimeline", "14:35 checked DB", "preventionMeasures", "Pool tests", "followUp", "Apology",
        "lessonsLearned", "Fail over sooner"));
    complete(instance, PostmortemProcess.Elements.APPROVE_POSTMORTEM, "manager", MANAGERS, vars(
        "postmortemDecision", "approve", "postmortemReviewNotes", "Good"));
    assertThat(instance).isEnded().hasPassed(PostmortemProcess.Elements.PUBLISH_REPORT)
        .hasNotPassed(PostmortemProcess.Elements.REMIND_OWNER);
    assertThat(records.find(key).orElseThrow().publishedAt()).isNotNull();
    assertThat(records.find(key).orElseThrow().overdue(NOW.plus(java.time.Duration.ofDays(30)))).isFalse();
  }

  @Test
  void anUnreadableDueTimeFallsBackToTwoWeeks() {
    assertThat(PostmortemDeadline.dueIn("soon")).isEqualTo(java.time.Duration.ofDays(14));
    assertThat(PostmortemDeadline.dueIn(null)).isEqualTo(java.time.Duration.ofDays(14));
    assertThat(PostmortemDeadline.dueIn("P5D")).isEqualTo(java.time.Duration.ofDays(5));
  }
}
