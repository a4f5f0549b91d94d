package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.process.InvalidVariableException;
import dev.firebreak.platform.process.SystemVariableRefusedException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
  @Autowired
  ReportSnapshots reports;
  @Autowired
  PostmortemRecords records;
  @Autowired
  ActionItemFollowUp actionItems;

  /**
   * Issue 11: the participants and the facilitator are picked from the contact directory (the form's
   * taglist and select read their options from participantOptions, filled when the task starts); the
   * picker submits a Json list of ids and the chosen people are invited.
   */
  @Test
  void participantsArePickedFromTheDirectoryAndTheChosenAreInvited() throws Exception {
    com.fasterxml.jackson.databind.JsonNode form = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        new java.io.File("forms/schedule-postmortem.form"));
    List<String> pickers = new java.util.ArrayList<>();
    form.path("components").forEach(c -> {
      if ("participantOptions".equals(c.path("valuesKey").asText())) {
        pickers.add(c.path("type").asText() + ":" + c.path("key").asText());
      }
    });
    assertThat(pickers).containsExactlyInAnyOrder("taglist:meetingParticipants", "select:facilitator");

    ProcessInstance incident = incidentAtPostmortem();
    String key = incidentKey(incident);
    Task schedule = task(incident, PostmortemProcess.Elements.SCHEDULE_MEETING);
    Object options = engine.getTaskService().getVariableTyped(schedule.getId(), PostmortemProcess.PARTICIPANT_OPTIONS)
        .getValue();
    com.fasterxml.jackson.databind.JsonNode people = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(options.toString());
    List<String> values = new java.util.ArrayList<>();
    people.forEach(p -> values.add(p.path("value").asText()));
    assertThat(values).contains("responder", "manager", "payments-dev");
    assertThat(people.toString()).contains("{\"label\":\"Pat Payments (payments-dev)\",\"value\":\"payments-dev\"}");

    // as Tasklist submits the taglist: a Json list of the picked ids; one unknown id is still refused
    assertThatThrownBy(() -> complete(incident, PostmortemProcess.Elements.SCHEDULE_MEETING, "manager", MANAGERS,
        vars("meetingAt", "2026-12-03T14:00", "meetingParticipants", SpinValues.jsonValue("[\"payments-dev\",\"nobody\"]")
            .create(), "facilitator", "manager")))
        .isInstanceOf(InvalidVariableException.class).hasMessageContaining("nobody");
    complete(incident, PostmortemProcess.Elements.SCHEDULE_MEETING, "manager", MANAGERS, vars(
        "meetingAt", "2026-12-03T14:00", "meetingParticipants", SpinValues.jsonValue("[\"payments-dev\"]").create(),
        "facilitator", "manager"));

    List<TimelineEntry> timeline = incidents.timeline(key);
    TimelineEntry invitation = timeline.stream()
        .filter(entry -> TimelineEntry.Kind.NOTIFICATION.equals(entry.kind()) && entry.details().has("calendar"))
        .findFirst().orElseThrow(() -> new AssertionError("no invitation e-mail on " + timeline));
    assertThat(invitation.details().get("to").toString()).isEqualTo("[\"payments-dev@firebreak.example\"]");
  }

  @Test
  void scheduledMeetingGoesOnTheTimelineInItsZoneAndTheParticipantsAreInvited() {
    ProcessInstance incident = incidentAtPostmortem();
    String key = incidentKey(incident);
    Task schedule = task(incident, PostmortemProcess.Elements.SCHEDULE_MEETING);
    // the form shows the zone the meeting time is in (firebreak.zone), and a person cannot set it
    assertThat(engine.getTaskService().getVariable(schedule.getId(), "timeZone")).isEqualTo("Asia/Seoul");
    assertThatThrownBy(() -> complete(incident, PostmortemProcess.Elements.SCHEDULE_MEETING, "manager", MANAGERS,
        vars("meetingAt", "2026-12-03T14:00", "meetingParticipants", "responder", "facilitator", "manager",
            "timeZone", "UTC"))).isInstanceOf(SystemVariableRefusedException.class);
    // people are the directory's: an unknown one is refused, naming them
    assertThatThrownBy(() -> complete(incident, PostmortemProcess.Elements.SCHEDULE_MEETING, "manager", MANAGERS,
        vars("meetingAt", "2026-12-03T14:00", "meetingParticipants", "responder, nobody", "facilitator", "manager")))
        .isInstanceOf(InvalidVariableException.class).hasMessageContaining("nobody");
    assertThat(hasTask(incident, PostmortemProcess.Elements.SCHEDULE_MEETING)).isTrue();

    complete(incident, PostmortemProcess.Elements.SCHEDULE_MEETING, "manager", MANAGERS, vars(
        "meetingAt", "2026-12-03T14:00", "meetingParticipants", "responder, payments-dev", "facilitator", "manager"));

    assertThat(hasTask(incident, PostmortemProcess.Elements.WRITE_POSTMORTEM)).isTrue();
    List<TimelineEntry> timeline = incidents.timeline(key);
    assertThat(timeline).filteredOn(entry -> TimelineEntry.Kind.POSTMORTEM.equals(entry.kind()))
        .extracting(TimelineEntry::summary)
        .contains("Post-mortem meeting scheduled for 2026-12-03 14:00 KST (Asia/Seoul) with Rae Responder, "
            + "Pat Payments (facilitator Min Manager)");
    TimelineEntry invitation = timeline.stream()
        .filter(entry -> TimelineEntry.Kind.NOTIFICATION.equals(entry.kind()) && entry.details().has("calendar"))
        .findFirst().orElseThrow(() -> new AssertionError("no invitation e-mail on " + timeline));
    assertThat(invitation.details().get("to").toString())
        .isEqualTo("[\"responder@firebreak.example\",\"payments-dev@firebreak.example\"]");
    assertThat(invitation.details().get("subject").asText()).contains(key, "Post-mortem meeting");
    String ics = invitation.details().get("calendar").asText();
    assertValidInvitation(ics);
    ics = ics.replace("\r\n ", ""); // unfolded
    // 14:00 in Seoul (UTC+9) is 05:00 UTC; booked for an hour
    assertThat(ics).contains("\r\nDTSTART:20261203T050000Z\r\n", "\r\nDTEND:20261203T060000Z\r\n",
        "\r\nMETHOD:REQUEST\r\n", "\r\nUID:postmortem-", "\r\nSUMMARY:Post-mortem meeting: " + key,
        "ORGANIZER;CN=\"Min Manager\":mailto:manager@firebreak.example",
        "ATTENDEE;CN=\"Rae Responder\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:responder@firebreak.example",
        "mailto:payments-dev@firebreak.example");
    assertThat(ics).containsPattern("\r\nDTSTAMP:\\d{8}T\\d{6}Z\r\n");
  }

  /** RFC 5545's shape: CRLF lines of at most 75 octets, one VEVENT in a VCALENDAR, its required properties once. */
  static void assertValidInvitation(String ics) {
    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    assertThat(ics.replace("\r\n", "")).doesNotContain("\n", "\r");
    for (String line : ics.split("\r\n")) {
      assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
    List<String> unfolded = List.of(ics.replace("\r\n ", "").split("\r\n"));
    assertThat(unfolded).containsSubsequence("BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
        "END:VEVENT", "END:VCALENDAR");
    for (String property : List.of("PRODID:", "UID:", "DTSTAMP:", "DTSTART:", "DTEND:", "SUMMARY:", "ORGANIZER;")) {
      assertThat(unfolded).filteredOn(line -> line.startsWith(property)).as(property).hasSize(1);
    }
    assertThat(unfolded).filteredOn(line -> line.startsWith("ATTENDEE;")).isNotEmpty();
  }

  /** An incident resolved by the book, waiting at Schedule post-mortem meeting. */
  private ProcessInstance incidentAtPostmortem() {
    ProcessInstance incident = declareIncident("responder", RESPONDERS, vars(
        "title", "Payment DB connection failure", "service", "payments", "incidentType", "database",
        "impactScope", "all-users"));
    complete(incident, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", false));
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Primary DB leaks memory", "recoveryStrategy", "failover"));
    complete(incident, "VerifyRecovery", "responder", RESPONDERS, vars("recoveryVerified", "yes",
        "verificationNotes", "Backup DB serves payments"));
    complete(incident, "ConfirmServiceRestored", "responder", RESPONDERS, vars("serviceRestored", "yes",
        "resolutionSummary", "Switched to the backup database"));
    return incident;
  }

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
    assertThat(report).containsSubsequence("## 1. Overview", "## 2. Detection", "## 3. Communication", "## 4. Response actions",
        "## 5. Root cause", "## 6. Prevention", "## 7. Follow-up", "## 8. Lessons learned");
    assertThat(report).contains(
        "alert came late", "- [ ] Fix connection pool release — payments-dev, due 2026-12-20");
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.CLOSED);
    // the snapshot: revision 1 at the approval; the SEV1's post-mortem was due 5 days after resolution (policy table)
    assertThat(incidents.require(key).severity()).isEqualTo(dev.firebreak.incident.Severity.SEV1);
    assertThat(records.find(key).orElseThrow().dueAt())
        .isEqualTo(incidents.require(key).resolvedAt().plus(java.time.Duration.ofDays(5)));
    assertThat(records.find(key).orElseThrow().publishedAt()).isNotNull();
    IncidentReport first = reports.latest(key).orElseThrow();
    assertThat(first.revision()).isEqualTo(1);
    assertThat(first.reason()).isEqualTo(IncidentReport.APPROVED);
    assertThat(first.section(IncidentReport.CAUSE).orElseThrow().text()).contains("alert came late");

    // the incident closed; the action items are followed up to done in their own process
    ProcessInstance followUp = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ActionItemFollowUpProcess.ID).processInstanceBusinessKey(key).singleResult();
    assertThat(followUp).isWaitingAt(ActionItemFollowUpProcess.Elements.AWAIT_ACTION_ITEM_DONE);
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(followUp.getId())
        .eventName(ActionItemFollowUpProcess.MESSAGE_ACTION_ITEM_DONE).count()).isEqualTo(2);
    // an item done: the report is re-published (revision 2) with it ticked, the written texts kept
    String fixPool = postmortems.actionItems(key).stream().filter(i -> i.title().startsWith("Fix")).findFirst()
        .orElseThrow().trackerKey();
    assertThat(actionItems.issueDone(fixPool)).contains(key);
    IncidentReport second = reports.latest(key).orElseThrow();
    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.reason()).isEqualTo(IncidentReport.ACTION_ITEM);
    assertThat(second.written()).isEqualTo(first.written());
    assertThat(postmortems.report(key).orElseThrow()).contains("- [x] Fix connection pool release — payments-dev, due 2026-12-20",
        "- [ ] Alert on DB memory");
    assertThat(reports.revisions(key)).extracting(IncidentReport::revision).containsExactly(1, 2);
    assertThat(actionItems.issueDone(fixPool)).as("done already: no third revision").isEmpty();
    assertThat(reports.latest(key).orElseThrow().revision()).isEqualTo(2);

    // and the (recorded) tracking issue follows the incident to resolved and closed in jobs of its own
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(dev.firebreak.tracking.TrackingProcess.ID).processInstanceBusinessKey(key).count())
        .isEqualTo(2);
  }
}
