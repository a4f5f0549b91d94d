package dev.firebreak.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import dev.firebreak.platform.time.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * escalation.bpmn as the incident calls it: the owning team's on-call person is paged and must
 * acknowledge; unacknowledged, the page goes to the next person in the rotation, then to the next
 * tier. Time moves on the engine clock; nothing sleeps.
 */
class EscalationPathsTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");
  static final List<String> PAYMENTS_TEAM = List.of("team-payments");

  @Autowired
  Incidents incidents;
  @Autowired
  Directory directory;
  @Autowired
  EngineClock clock;

  ProcessInstance declare(Map<String, Object> variables) {
    return declareIncident("responder", RESPONDERS, variables);
  }

  String key(ProcessInstance instance) {
    return incidentKey(instance);
  }

  /** A payment problem for one customer that is hard to solve: the service team (L2) joins at triage. */
  ProcessInstance complexPaymentProblem() {
    ProcessInstance instance = declare(vars("title", "Refunds fail for one merchant", "service", "payments",
        "incidentType", "degraded-performance", "impactScope", "single-customer"));
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "high", "commander", "manager", "overrideSeverity", false));
    return instance;
  }

  List<String> timeline(String key) {
    return incidents.timeline(key).stream().map(TimelineEntry::summary).toList();
  }

  @Test
  void triageAssessesEscalationAndPagesTheOnCallPersonWhoMustAcknowledge() {
    ProcessInstance instance = complexPaymentProblem();
    String key = key(instance);
    Directory.Person onCall = directory.onCall("payments", clock.now()).orElseThrow().person();

    assertThat(incidents.require(key).escalationLevel()).as("complex: L2 at triage, no timer needed").isEqualTo(2);
    assertThat(incidents.timeline(key)).as("the decision at triage, with its inputs").anyMatch(e -> e.kind().equals("decision")
        && e.summary().equals("L2: the service's development team; approval required: no — "
            + "Complexity-based: a problem triage judged complex needs the service team (L2).")
        && e.details().path("inputs").path("Complexity").asText().equals("high"));
    assertThat(timeline(key)).anyMatch(s -> s.startsWith("E-mail") && s.contains(onCall.email()));
    Task page = task(instance, "AcknowledgePage");
    assertThat(page.getAssignee()).isEqualTo(onCall.id());

    complete(instance, page, onCall.id(), PAYMENTS_TEAM, vars("acknowledgementNote", "At my desk in 5 minutes"));
    moveClock(40);
    runDueJobs(instance);

    assertThat(hasTask(instance, "AcknowledgePage")).isFalse();
    assertThat(timeline(key)).anyMatch(s -> s.startsWith("Acknowledge page — completed by " + onCall.id()))
        .noneMatch(s -> s.startsWith("Page not acknowledged"));
    assertThat(incidents.require(key).escalationLevel()).isEqualTo(2);
  }

  /**
   * Issue 11, point 2: a SEV1 pages level 2 (the owning team's on-call person) as soon as the
   * response starts, before anyone triages it; triage's own assessment then sees level 2 and pages
   * nobody again, and leadership (level 3) comes only after level 2 had paged the team.
   */
  @Test
  void sev1PagesTheOwningTeamAtOnceBeforeTriageAndNeverTwice() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date());
    ProcessInstance instance = declare(vars("title", "Payments down for everyone", "service", "payments",
        "incidentType", "outage", "impactScope", "all-users"));
    String key = key(instance);
    Directory.Person onCall = directory.onCall("payments", clock.now()).orElseThrow().person();

    assertThat(hasTask(instance, "TriageIncident")).as("nobody has triaged yet").isTrue();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance).hasPassed("EscalateAtOnceTimer", "AssessEscalationAtOnce", "RequestEscalationAtOnce")
        .hasNotPassed("TriageIncident").isWaitingAt("EscalateIncidentAtOnce", "TriageIncident");
    assertThat(incidents.require(key).escalationLevel()).as("SEV1: level 2 at once").isEqualTo(2);
    assertThat(task(instance, "AcknowledgePage").getAssignee()).as("the owning team's on-call person is paged")
        .isEqualTo(onCall.id());
    assertThat(timeline(key)).contains("Escalated from level 1 to level 2")
        .anyMatch(s -> s.startsWith("E-mail") && s.contains(onCall.email()))
        .noneMatch(s -> s.startsWith("Triage incident — completed"));

    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "manager", "overrideSeverity", false));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance).hasPassed("AssessEscalationAtTriage").hasNotPassed("RequestEscalationAtTriage");
    assertThat(tasks(instance, "AcknowledgePage")).as("triage does not page the team a second time").hasSize(1);
    assertThat(timeline(key).stream().filter(s -> s.startsWith("Escalation to level 2 requested"))).hasSize(1);

    complete(instance, task(instance, "AcknowledgePage"), onCall.id(), PAYMENTS_TEAM,
        vars("acknowledgementNote", "On it"));
    moveClock(31);
    runDueJobs(instance);
    List<String> timeline = timeline(key);
    int paged = timeline.indexOf("Escalated from level 1 to level 2");
    int leadership = timeline.stream().filter(s -> s.startsWith("Escalation to level 3 requested")).findFirst()
        .map(timeline::indexOf).orElse(-1);
    assertThat(leadership).as("a SEV1 open for 30 minutes asks for leadership").isPositive();
    assertThat(paged).as("level 2 had paged the owning team before level 3 was asked for").isBetween(0, leadership);
    assertThat(timeline).doesNotContain("Escalated from level 1 to level 3");
  }

  /**
   * Issue 11: a responder who triages before the decision at once has run (its job still waiting)
   * pages the owning team at triage; the decision at once then finds level 2 asked for already and
   * pages nobody a second time.
   */
  @Test
  void triageBeforeTheDecisionAtOnceStillPagesTheTeamOnlyOnce() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date());
    ProcessInstance instance = startIncident("responder", RESPONDERS, vars("title", "Payments down, quick triage",
        "service", "payments", "incidentType", "outage", "impactScope", "all-users"));
    String key = key(instance);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("EscalateAtOnceTimer").count()).as("the decision at once has not run yet").isEqualTo(1);

    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "manager", "overrideSeverity", false));

    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance)
        .hasPassed("RequestEscalationAtTriage", "AssessEscalationAtOnce", "End_NoEscalationAtOnce")
        .hasNotPassed("RequestEscalationAtOnce");
    assertThat(incidents.require(key).escalationLevel()).isEqualTo(2);
    assertThat(tasks(instance, "AcknowledgePage")).as("one page").hasSize(1);
    assertThat(timeline(key).stream().filter(s -> s.startsWith("Escalation to level 2 requested"))).hasSize(1);
  }

  /**
   * Issue 11: an alert that has been firing for three hours (SEV2, part of the users) pages the
   * owning team (level 2) at once, before triage, and not leadership: level 3 comes from level 2 on
   * the next check, never straight from level 1.
   */
  @Test
  void anAlertFiringForHoursPagesTheTeamAtOnceAndLeadershipOnlyAfter() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date());
    java.util.Date threeHoursAgo = new java.util.Date(clock.now().toEpochMilli() - 3 * 60 * 60_000L);
    // as intake opens it for an alert whose startsAt is three hours old (the system, no user)
    ProcessInstance instance = engine.getRuntimeService().createMessageCorrelation("AlertFired")
        .setVariables(vars("title", "Card payments failing for some", "service", "payments", "incidentType", "outage",
            "impactScope", "part-of-users", "alertSeverity", "warning", "detectedAt", threeHoursAgo))
        .correlateStartMessage();
    runDueJobs(instance);
    String key = key(instance);
    Directory.Person onCall = directory.onCall("payments", clock.now()).orElseThrow().person();

    assertThat(incidents.require(key).severity()).isEqualTo(dev.firebreak.incident.Severity.SEV2);
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance)
        .hasPassed("RequestEscalationAtOnce").hasNotPassed("TriageIncident");
    assertThat(incidents.require(key).escalationLevel()).as("level 2 at once, not 3").isEqualTo(2);
    assertThat(task(instance, "AcknowledgePage").getAssignee()).isEqualTo(onCall.id());
    assertThat(hasTask(instance, "ApproveEscalation")).as("leadership not yet").isFalse();

    complete(instance, task(instance, "AcknowledgePage"), onCall.id(), PAYMENTS_TEAM, vars("acknowledgementNote", "On it"));
    moveClock(16);
    runDueJobs(instance);
    assertThat(hasTask(instance, "ApproveEscalation")).as("SEV2 past 120 minutes at level 2: leadership asked for")
        .isTrue();
    List<String> timeline = timeline(key);
    assertThat(timeline).doesNotContain("Escalated from level 1 to level 3");
    assertThat(timeline.indexOf("Escalated from level 1 to level 2")).isNotNegative()
        .isLessThan(indexOf(timeline, s -> s.startsWith("Escalation to level 3 requested")));
  }

  @Test
  void unacknowledgedPageGoesToTheNextPersonThenTheNextTier() {
    ProcessInstance instance = complexPaymentProblem();
    String key = key(instance);
    Directory.Person first = directory.onCall("payments", clock.now()).orElseThrow().person();
    String second = first.id().equals("payments-dev") ? "payments-lead" : "payments-dev";
    Directory.Person next = directory.person(second).orElseThrow();

    moveClock(16);
    runDueJobs(instance);
    assertThat(task(instance, "AcknowledgePage").getAssignee()).as("the page moved on").isEqualTo(second);
    assertThat(timeline(key)).contains("Page not acknowledged by " + first.id() + " within PT15M; paging " + next.name())
        .anyMatch(s -> s.startsWith("E-mail") && s.contains(next.email()));
    assertThat(hasTask(instance, "ApproveEscalation")).isFalse();

    moveClock(16);
    runDueJobs(instance);
    assertThat(hasTask(instance, "AcknowledgePage")).isFalse();
    assertThat(timeline(key)).anyMatch(s -> s.startsWith("Escalation to level 3 requested (needs approval): "
        + "Nobody in team payments acknowledged the page"));
    assertThat(tasks(instance, "ApproveEscalation")).as("leadership needs an incident manager's approval").hasSize(1);

    complete(instance, "ApproveEscalation", "manager", MANAGERS, vars(
        "escalationDecision", "approve", "escalationDecisionReason", "Nobody from payments answers"));
    assertThat(incidents.require(key).escalationLevel()).isEqualTo(3);
    assertThat(timeline(key)).contains("Escalated from level 2 to level 3")
        .anyMatch(s -> s.startsWith("E-mail") && s.contains("executive@firebreak.example"));
  }

  @Test
  void aResponderAsksForEscalationByHandWithAReason() {
    ProcessInstance instance = declare(vars("title", "Search slow for one tenant", "service", "search",
        "incidentType", "degraded-performance", "impactScope", "single-customer"));
    String key = key(instance);
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "responder", "overrideSeverity", false));
    assertThat(incidents.require(key).escalationLevel()).isEqualTo(1);

    askForEscalation(key, 2, "Index rebuild needs the search team");
    runDueJobs(instance);
    assertThat(incidents.require(key).escalationLevel()).as("level 2 needs no approval").isEqualTo(2);
    assertThat(timeline(key)).contains("responder asked for escalation to level 2: Index rebuild needs the search team");
    assertThat(task(instance, "AcknowledgePage").getAssignee()).as("search's on-call person").isEqualTo("responder");

    askForEscalation(key, 3, "Tenant threatens to leave");
    runDueJobs(instance);
    assertThat(incidents.require(key).escalationLevel()).as("level 3 waits for a manager").isEqualTo(2);
    complete(instance, "ApproveEscalation", "manager", MANAGERS, vars(
        "escalationDecision", "reject", "escalationDecisionReason", "Account management handles it"));
    assertThat(incidents.require(key).escalationLevel()).isEqualTo(2);
    assertThat(timeline(key)).anyMatch(s -> s.contains("Approve escalation — completed by manager (escalationDecision: reject)"));
  }

  @Test
  void leadershipAskedForByHandAtLevelOnePagesTheOwningTeamFirst() {
    ProcessInstance instance = declare(vars("title", "Card payments declined", "service", "payments",
        "incidentType", "degraded-performance", "impactScope", "single-customer"));
    String key = key(instance);
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "responder", "overrideSeverity", false));
    assertThat(incidents.require(key).escalationLevel()).isEqualTo(1);
    Directory.Person onCall = directory.onCall("payments", clock.now()).orElseThrow().person();

    askForEscalation(key, 3, "The biggest merchant is down");
    runDueJobs(instance);
    complete(instance, "ApproveEscalation", "manager", MANAGERS, vars(
        "escalationDecision", "approve", "escalationDecisionReason", "Merchant escalation"));

    assertThat(incidents.require(key).escalationLevel()).isEqualTo(3);
    List<String> timeline = timeline(key);
    int teamPaged = indexOf(timeline, s -> s.startsWith("E-mail") && s.contains(onCall.email()));
    int leadershipTold = indexOf(timeline, s -> s.startsWith("E-mail") && s.contains("executive@firebreak.example"));
    assertThat(teamPaged).as("the owning team's on-call person is paged").isNotNegative();
    assertThat(leadershipTold).as("leadership is told").isNotNegative();
    assertThat(teamPaged).as("the team is paged before leadership").isLessThan(leadershipTold);
    assertThat(task(instance, "AcknowledgePage").getAssignee()).isEqualTo(onCall.id());
  }

  @Test
  void aLowerLevelAskedForAfterARejectedOneIsHonoured() {
    ProcessInstance instance = declare(vars("title", "Search slow for one tenant", "service", "search",
        "incidentType", "degraded-performance", "impactScope", "single-customer"));
    String key = key(instance);
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "responder", "overrideSeverity", false));

    askForEscalation(key, 3, "Tenant threatens to leave");
    runDueJobs(instance);
    complete(instance, "ApproveEscalation", "manager", MANAGERS, vars(
        "escalationDecision", "reject", "escalationDecisionReason", "Not for leadership"));
    assertThat(incidents.require(key).escalationLevel()).isEqualTo(1);

    askForEscalation(key, 2, "The search team should look at the index");
    runDueJobs(instance);
    assertThat(incidents.require(key).escalationLevel()).as("level 2 after a rejected level 3").isEqualTo(2);
    assertThat(timeline(key)).contains("Escalated from level 1 to level 2");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "requestedEscalationLevel"))
        .as("the rejected level 3 is still remembered: the timer does not ask for it again").isEqualTo(3);
  }

  private static int indexOf(List<String> entries, java.util.function.Predicate<String> match) {
    for (int i = 0; i < entries.size(); i++) {
      if (match.test(entries.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private void askForEscalation(String key, int level, String reason) {
    engine.getRuntimeService().createMessageCorrelation(IncidentProcess.MESSAGE_ESCALATION_REQUESTED)
        .processInstanceBusinessKey(key)
        .setVariable(IncidentProcess.ESCALATION_REQUEST_LEVEL.name(), level)
        .setVariable(IncidentProcess.ESCALATION_REQUEST_REASON.name(), reason)
        .setVariable(IncidentProcess.ESCALATION_REQUESTED_BY.name(), "responder")
        .correlate();
  }
}
