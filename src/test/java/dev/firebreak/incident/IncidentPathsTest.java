package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The paths through incident.bpmn that matter, on the real application with H2. */
class IncidentPathsTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Autowired
  Incidents incidents;

  ProcessInstance declare(Map<String, Object> variables) {
    return declareIncident("responder", RESPONDERS, variables);
  }

  static Map<String, Object> paymentOutage() {
    return vars("title", "Payments failing", "service", "payments", "incidentType", "outage",
        "impactScope", "all-users");
  }

  static Map<String, Object> singleCustomerProblem() {
    return vars("title", "One merchant cannot log in", "service", "search", "incidentType", "degraded-performance",
        "impactScope", "single-customer");
  }

  String key(ProcessInstance instance) {
    return (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("incidentKey").singleResult().getValue();
  }

  void acknowledge(ProcessInstance instance, String complexity) {
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", complexity, "commander", "manager", "overrideSeverity", false));
  }

  void recoverByFailover(ProcessInstance instance) {
    complete(instance, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Primary unhealthy", "recoveryStrategy", "failover"));
    complete(instance, "VerifyRecovery", "responder", RESPONDERS, vars(
        "recoveryVerified", "yes", "verificationNotes", "Standby serves traffic"));
    complete(instance, "ConfirmServiceRestored", "responder", RESPONDERS, vars(
        "serviceRestored", "yes", "resolutionSummary", "Failed over"));
  }

  @Test
  void falsePositiveIsDismissed() {
    ProcessInstance instance = declare(singleCustomerProblem());
    assertThat(instance).isWaitingAt("TriageIncident");
    String key = key(instance);
    assertThat(instance.getBusinessKey() == null ? businessKeyOf(instance) : instance.getBusinessKey()).isEqualTo(key);
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.TRIAGE);

    complete(instance, "TriageIncident", "responder", RESPONDERS, vars(
        "triageOutcome", "dismiss", "dismissReason", "Synthetic check misconfigured"));

    assertThat(instance).isEnded().hasPassed("IncidentDismissed").hasNotPassed("OpenTrackingIssue");
    IncidentRecord record = incidents.require(key);
    assertThat(record.status()).isEqualTo(IncidentStatus.DISMISSED);
    assertThat(record.closedAt()).isNotNull();
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().contains("Triage incident — completed by responder")
        && e.details().path("answers").path("dismissReason").asText().equals("Synthetic check misconfigured"));
  }

  @Test
  void sev3IsResolvedWithoutPostmortem() {
    ProcessInstance instance = declare(singleCustomerProblem());
    String key = key(instance);
    assertThat(incidents.require(key).severity()).isEqualTo(Severity.SEV3);
    acknowledge(instance, "low");
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.INVESTIGATING);
    recoverByFailover(instance);

    complete(instance, "DecideOnPostmortem", "manager", MANAGERS, vars(
        "holdPostmortem", "no", "postmortemDecisionReason", "Known cause, fixed"));

    assertThat(instance).isEnded().hasPassed("IncidentResolved", "IncidentClosed").hasNotPassed("RunPostmortem");
    IncidentRecord record = incidents.require(key);
    assertThat(record.status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(record.acknowledgedAt()).isNotNull();
    assertThat(record.mitigatedAt()).isNotNull();
    assertThat(record.resolvedAt()).isNotNull();
  }

  @Test
  void decisionsAreInWordsOnTheTimeline() {
    ProcessInstance instance = declare(paymentOutage());
    String key = key(instance);
    List<TimelineEntry> decisions = incidents.timeline(key).stream().filter(e -> e.kind().equals("decision")).toList();
    assertThat(decisions).extracting(TimelineEntry::summary).contains(
        "SEV1 — All users of a tier-1 (revenue-critical) service are affected, like the handbook's payment outage: SEV1.");
    assertThat(decisions).extracting(TimelineEntry::summary).anyMatch(s -> s.startsWith("Notify: Central channel, Incident channel")
        && s.contains("Status page") && s.contains("; status updates every 30 min — SEV1: every channel at once, ")
        && s.endsWith("public updates every 30 minutes (handbook: immediate internal and external notice)."));
    assertThat(decisions).as("the raw outputs stay in the details").anyMatch(e ->
        e.details().path("outputs").path("statusUpdateCycle").asText().equals("R/PT30M"));
  }

  @Test
  void severityOverrideAtTriageWinsAndIsExplained() {
    ProcessInstance instance = declare(singleCustomerProblem());
    String key = key(instance);
    complete(instance, "TriageIncident", "manager", MANAGERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", true, "severityOverride", "SEV2",
        "severityOverrideReason", "The customer is our largest merchant"));

    assertThat(instance).hasPassed("OverrideSeverity");
    assertThat(incidents.require(key).severity()).isEqualTo(Severity.SEV2);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.kind().equals("severity")
        && e.summary().equals("Severity overridden: SEV3 → SEV2 (The customer is our largest merchant)")
        && "manager".equals(e.actor()));
  }

  /** The paged on-call person of the owning team takes the page. */
  void acknowledgePage(ProcessInstance instance) {
    var page = task(instance, "AcknowledgePage");
    complete(instance, page, page.getAssignee(), List.of("team-payments"), vars("acknowledgementNote", "On it"));
  }

  @Test
  void sev1EscalatesToLevel3WithApproval() {
    ProcessInstance instance = declare(paymentOutage());
    String key = key(instance);
    assertThat(incidents.require(key).severity()).isEqualTo(Severity.SEV1);
    acknowledge(instance, "medium");
    assertThat(incidents.require(key).escalationLevel()).as("SEV1: the service team joins at triage").isEqualTo(2);
    acknowledgePage(instance);

    moveClock(16);
    runDueJobs(instance);
    assertThat(incidents.require(key).escalationLevel()).as("still level 2 after 16 minutes").isEqualTo(2);
    assertThat(hasTask(instance, "ApproveEscalation")).isFalse();

    moveClock(15);
    runDueJobs(instance);
    assertThat(incidents.require(key).escalationLevel()).as("level 3 waits for approval").isEqualTo(2);
    complete(instance, "ApproveEscalation", "manager", MANAGERS, vars(
        "escalationDecision", "approve", "escalationDecisionReason", "Payments down for 31 minutes"));

    assertThat(incidents.require(key).escalationLevel()).isEqualTo(3);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals("Escalated from level 2 to level 3"));
    assertThat(incidents.timeline(key)).anyMatch(e -> e.kind().equals("notification")
        && e.summary().contains("executive@firebreak.example"));
  }

  @Test
  void sev1EscalationToLevel3CanBeRejected() {
    ProcessInstance instance = declare(paymentOutage());
    String key = key(instance);
    acknowledge(instance, "medium");
    acknowledgePage(instance);
    moveClock(31);
    runDueJobs(instance);
    complete(instance, "ApproveEscalation", "manager", MANAGERS, vars(
        "escalationDecision", "reject", "escalationDecisionReason", "Fix is minutes away"));

    assertThat(incidents.require(key).escalationLevel()).isLessThan(3);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().contains("(escalationDecision: reject)"));

    moveClock(15);
    runDueJobs(instance);
    assertThat(hasTask(instance, "ApproveEscalation")).as("a rejected level is not asked again").isFalse();
  }

  @Test
  void responderCannotApproveEscalation() {
    ProcessInstance instance = declare(paymentOutage());
    acknowledge(instance, "medium");
    acknowledgePage(instance);
    moveClock(31);
    runDueJobs(instance);
    var task = task(instance, "ApproveEscalation");

    engine.getIdentityService().setAuthentication("responder", RESPONDERS);
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(),
          vars("escalationDecision", "approve", "escalationDecisionReason", "me")))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(hasTask(instance, "ApproveEscalation")).isTrue();
  }

  @Test
  void statusUpdatesFollowTheSeverityCadence() {
    ProcessInstance instance = declare(paymentOutage());
    acknowledge(instance, "low");
    moveClock(31);
    runDueJobs(instance);
    var draft = task(instance, "ApprovePublicNotice");
    assertThat(engine.getTaskService().getVariable(draft.getId(), "statusPhase")).isEqualTo("investigating");
    assertThat((String) engine.getTaskService().getVariable(draft.getId(), "statusMessage"))
        .startsWith("Payments is unavailable since ");
    complete(instance, "ApprovePublicNotice", "comms", List.of("communications"), vars(
        "statusPhase", "identified", "statusMessage", "We found the cause."));
    String key = key(instance);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.kind().equals("notification")
        && e.summary().contains("Status update (Identified): We found the cause."));
  }

  static Map<String, Object> partialPaymentOutage() {
    return vars("title", "Some payments failing", "service", "payments", "incidentType", "outage",
        "impactScope", "part-of-users");
  }

  @Autowired
  SeverityChanges severityChanges;

  /** When the status-update timer of this incident next fires. */
  java.util.Date statusUpdateDue(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("StatusUpdateTimer").singleResult().getDuedate();
  }

  void approveNotice(ProcessInstance instance) {
    complete(instance, "ApprovePublicNotice", "comms", List.of("communications"), vars(
        "statusPhase", "investigating", "statusMessage", "We are looking into it."));
  }

  @Test
  void severityOverrideAtTriageReplansNotificationsCadenceAndEscalation() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date());
    java.util.Date declared = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
    ProcessInstance instance = declare(partialPaymentOutage());
    String key = key(instance);
    assertThat(incidents.require(key).severity()).isEqualTo(Severity.SEV2);
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "statusUpdateCycle")).isEqualTo("R/PT1H");

    complete(instance, "TriageIncident", "manager", MANAGERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", true, "severityOverride", "SEV1",
        "severityOverrideReason", "Checkout fails for everyone paying by card"));

    assertThat(instance).hasPassed("OverrideSeverity", "ReplanAfterOverride", "MoveStatusUpdatesAfterOverride",
        "AnnounceSeverityOverride");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "statusUpdateCycle"))
        .as("SEV1's plan: updates every 30 minutes").isEqualTo("R/PT30M");
    assertThat(statusUpdateDue(instance)).isEqualTo(new java.util.Date(declared.getTime() + 30 * 60_000));
    assertThat(incidents.require(key).escalationLevel()).as("escalation re-decided for SEV1").isEqualTo(2);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.kind().equals("notification")
        && e.summary().contains("Severity changed to SEV1; status updates every 30 min"));

    moveClock(31);
    runDueJobs(instance);
    assertThat(hasTask(instance, "ApprovePublicNotice")).as("a notice after 30, not 60 minutes").isTrue();
    approveNotice(instance);
    moveClock(31);
    runDueJobs(instance);
    assertThat(hasTask(instance, "ApprovePublicNotice")).as("and again 30 minutes later").isTrue();
    approveNotice(instance);
    moveClock(30);
    runDueJobs(instance);
    assertThat(hasTask(instance, "ApprovePublicNotice")).as("the cycle stays at 30 minutes").isTrue();
  }

  @Test
  void laterSeverityChangeReplansNotificationsCadenceAndEscalation() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date());
    java.util.Date declared = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
    ProcessInstance instance = declare(partialPaymentOutage());
    String key = key(instance);
    acknowledge(instance, "low");
    assertThat(incidents.require(key).escalationLevel()).isEqualTo(1);
    assertThat(statusUpdateDue(instance)).isEqualTo(new java.util.Date(declared.getTime() + 60 * 60_000));
    moveClock(10);

    var responder = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
        "responder", "demo", List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
            "GROUP_responders")));
    severityChanges.change(key, "SEV1", "Checkout fails for everyone paying by card", responder);
    runDueJobs(instance);

    assertThat(instance).hasPassed("SeverityChanged", "ApplySeverityChange", "ReplanOnSeverityChange",
        "MoveStatusUpdates", "AnnounceSeverityChange", "AssessEscalationOnSeverityChange",
        "RequestEscalationOnSeverityChange");
    assertThat(incidents.require(key).severity()).isEqualTo(Severity.SEV1);
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "statusUpdateCycle")).isEqualTo("R/PT30M");
    assertThat(statusUpdateDue(instance)).isEqualTo(new java.util.Date(declared.getTime() + 30 * 60_000));
    assertThat(incidents.require(key).escalationLevel()).as("SEV1 pages the service team").isEqualTo(2);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.kind().equals("severity") && "responder".equals(e.actor())
        && e.summary().equals("Severity changed: SEV2 → SEV1 (Checkout fails for everyone paying by card)"));
    assertThat(incidents.timeline(key)).anyMatch(e -> e.kind().equals("notification")
        && e.summary().contains("Severity changed to SEV1; status updates every 30 min"));
    assertThat(incidents.timeline(key)).as("the Jira issue is told").anyMatch(e -> e.kind().equals("tracking")
        && e.summary().contains("Severity changed to SEV1; status updates every 30 min. Changed by responder"));

    moveClock(21);
    runDueJobs(instance);
    assertThat(hasTask(instance, "ApprovePublicNotice")).as("a notice 30 minutes after the start").isTrue();
  }

  private String businessKeyOf(ProcessInstance instance) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getBusinessKey();
  }
}
