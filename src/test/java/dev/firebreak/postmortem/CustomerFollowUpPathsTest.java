package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.CustomerFollowUpProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.ProcessTestSupport;
import dev.firebreak.platform.process.InvalidVariableException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17.4: after a customer-facing incident is resolved, customer-follow-up asks communications
 * to send the apology and an incident manager to decide compensation; an incident customers did not
 * see, and a drill, get neither.
 */
class CustomerFollowUpPathsTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");
  static final List<String> COMMS = List.of("communications");

  @Autowired
  Incidents incidents;
  @Autowired
  CustomerApologies apologies;
  @Autowired
  Compensations compensations;
  @Autowired
  ReportSnapshots reports;
  @Autowired
  ApologyOutbox apologyOutbox;
  @Autowired
  JdbcClient jdbc;

  /** Declared, triaged, recovered and confirmed restored 2h15m after it started (the worked example). */
  ProcessInstance resolvedIncident(String service) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T05:00:00Z")));
    ProcessInstance incident = declareIncident("responder", RESPONDERS, vars(
        "title", "Payment DB connection failure", "service", service, "incidentType", "database",
        "impactScope", "all-users"));
    complete(incident, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", false));
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Primary DB leaks memory", "recoveryStrategy", "failover"));
    complete(incident, "VerifyRecovery", "responder", RESPONDERS, vars("recoveryVerified", "yes",
        "verificationNotes", "Backup DB serves payments"));
    moveClock(135);
    complete(incident, "ConfirmServiceRestored", "responder", RESPONDERS, vars("serviceRestored", "yes",
        "resolutionSummary", "Switched to the backup database"));
    return incident;
  }

  ProcessInstance followUp(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CustomerFollowUpProcess.ID).processInstanceBusinessKey(key).singleResult();
  }

  long followUps(String key) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(CustomerFollowUpProcess.ID).processInstanceBusinessKey(key).count();
  }

  List<String> candidateGroups(ProcessInstance instance, String taskKey) {
    return engine.getTaskService().getIdentityLinksForTask(task(instance, taskKey).getId()).stream()
        .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
  }

  String subscriber() {
    String address = "sub-" + UUID.randomUUID().toString().substring(0, 8) + "@customers.example";
    jdbc.sql("""
        INSERT INTO subscriber (kind, address, confirm_token, unsubscribe_token, confirmed_at, created_at)
        VALUES ('email', ?, ?, ?, ?, ?)""").params(address, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
        Instant.now().atOffset(ZoneOffset.UTC), Instant.now().atOffset(ZoneOffset.UTC)).update();
    return address;
  }

  @Test
  void aCustomerFacingIncidentAsksCommunicationsToApologiseAndAManagerToDecideCompensation() {
    String subscribed = subscriber();
    ProcessInstance incident = resolvedIncident("payments");
    String key = incidentKey(incident);
    assertThat(incident).hasPassed(IncidentProcess.Elements.START_CUSTOMER_FOLLOW_UP);
    ProcessInstance followUp = followUp(key);
    assertThat(followUp).as("customer-follow-up of " + key).isNotNull();
    assertThat(followUp).isWaitingAt(SEND_APOLOGY, DECIDE_COMPENSATION).hasPassed(DRAFT_APOLOGY, SUGGEST_COMPENSATION);
    assertThat(candidateGroups(followUp, SEND_APOLOGY)).containsExactly("communications");
    assertThat(candidateGroups(followUp, DECIDE_COMPENSATION)).containsExactly("incident-managers");

    // the draft: the database template in both languages, with the service and the 2 h 15 min
    Map<String, Object> draft = engine.getRuntimeService().getVariables(followUp.getId());
    assertThat((String) draft.get("apologySubjectEn")).isEqualTo("We apologise for the disruption of payments");
    assertThat((String) draft.get("apologyTextEn")).contains("A database failure disrupted payments", "(2 h 15 min)");
    assertThat((String) draft.get("apologySubjectKo")).isEqualTo("payments 장애에 대해 사과드립니다");
    assertThat((String) draft.get("apologyTextKo")).contains("데이터베이스 장애로 payments", "(2시간 15분)");
    assertThat((Integer) draft.get("apologySubscribers")).isPositive();
    assertThat(draft.get("impactMinutes")).isEqualTo(135);
    // the suggestion: 2h15m of a SEV1 → a 10 % service credit, and it is on the timeline
    assertThat(draft.get("suggestedCompensation")).isEqualTo("service-credit");
    assertThat(draft.get("suggestedCreditPercent")).isEqualTo(10);
    assertThat(incidents.timeline(key)).filteredOn(e -> TimelineEntry.Kind.DECISION.equals(e.kind()))
        .extracting(TimelineEntry::summary)
        .anyMatch(s -> s.startsWith("Suggested compensation: service-credit — A SEV1 or SEV2 that lasted"));

    // a bad line in the uploaded list: refused by its number, the task stays, nothing is queued
    Map<String, Object> send = vars("apologySubjectKo", draft.get("apologySubjectKo"), "apologyTextKo",
        draft.get("apologyTextKo"), "apologySubjectEn", draft.get("apologySubjectEn"), "apologyTextEn",
        draft.get("apologyTextEn"), "affectedCustomers", "kim@shop.example,ko\nnot-an-address\nlee@shop.example");
    assertThatThrownBy(() -> complete(followUp, SEND_APOLOGY, "comms", COMMS, send))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessageContaining("line 2").hasMessageContaining("'not-an-address' is not an e-mail address");
    assertThat(hasTask(followUp, SEND_APOLOGY)).isTrue();
    assertThat(apologies.summary(key)).isEmpty();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM apology_outbox WHERE incident_key = ?").param(key).query(Long.class)
        .single()).isZero();

    send.put("affectedCustomers", "kim@shop.example,ko\n\nLee@Shop.example, en\n" + subscribed + ",en\nkim@shop.example");
    complete(followUp, SEND_APOLOGY, "comms", COMMS, send);
    runDueJobs(followUp);
    List<Map<String, Object>> rows = jdbc.sql("SELECT recipient, origin, languages FROM apology_outbox WHERE incident_key = ?"
        + " ORDER BY recipient").param(key).query().listOfRows();
    assertThat(rows).extracting(r -> r.get("recipient") + " " + r.get("origin") + " " + r.get("languages"))
        .contains("kim@shop.example listed ko", "lee@shop.example listed en", subscribed + " listed en")
        .doesNotHaveDuplicates();
    assertThat(rows).filteredOn(r -> "subscriber".equals(r.get("origin"))).allMatch(r -> "ko,en".equals(r.get("languages")));
    CustomerApologies.Summary summary = apologies.summary(key).orElseThrow();
    assertThat(summary.sentBy()).isEqualTo("comms");
    assertThat(summary.listed()).isEqualTo(3);
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::summary)
        .anyMatch(s -> s.startsWith("Customer apology queued by comms for " + rows.size() + " recipients"));
    // the job again (a retry): nothing more is queued
    assertThat(apologies.queue(key, new CustomerApologies.Draft("a", "b", "c", "d"), "kim@shop.example", "comms"))
        .isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM apology_outbox WHERE incident_key = ?").param(key).query(Long.class)
        .single()).isEqualTo(rows.size());

    // departing from the suggestion needs a reason
    assertThatThrownBy(() -> complete(followUp, DECIDE_COMPENSATION, "manager", MANAGERS,
        vars("compensation", "service-credit", "creditPercent", 20)))
        .isInstanceOf(InvalidVariableException.class).hasMessageContaining("deciding otherwise needs a reason");
    assertThatThrownBy(() -> complete(followUp, DECIDE_COMPENSATION, "manager", MANAGERS,
        vars("compensation", "service-credit")))
        .isInstanceOf(InvalidVariableException.class).hasMessageContaining("percent");
    assertThat(compensations.decision(key)).isEmpty();
    complete(followUp, DECIDE_COMPENSATION, "manager", MANAGERS, vars("compensation", "service-credit",
        "creditPercent", 20, "compensationReason", "Payday: merchants lost their busiest hours"));

    Compensations.Decision decision = compensations.decision(key).orElseThrow();
    assertThat(decision.suggested()).isEqualTo(Compensation.SERVICE_CREDIT);
    assertThat(decision.suggestedPercent()).isEqualTo(10);
    assertThat(decision.decided()).isEqualTo(Compensation.SERVICE_CREDIT);
    assertThat(decision.creditPercent()).isEqualTo(20);
    assertThat(decision.departed()).isTrue();
    assertThat(decision.decidedBy()).isEqualTo("manager");
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::summary).contains("Compensation decided by manager: "
        + "Service credit of 20%, departing from the suggestion (Service credit of 10%) — Payday: merchants lost their busiest hours");
    assertThat(followUp).isEnded().hasPassed(QUEUE_APOLOGY, RECORD_COMPENSATION, END);

    // the report's follow-up section (section 7) shows both
    IncidentReport report = reports.publish(key, Map.of());
    List<IncidentReport.Fact> facts = report.section(IncidentReport.FOLLOW_UP).orElseThrow().facts();
    assertThat(facts).extracting(f -> f.label() + ": " + f.value()).contains(
        "Apology: We apologise for the disruption of payments",
        "Suggested by the compensation policy: Service credit of 10% — 1 to 4 hours of a SEV1 or SEV2: 10% service credit",
        "Reason: Payday: merchants lost their busiest hours")
        .anyMatch(f -> f.startsWith("Customer apology: Sent ") && f.contains(" by comms to " + rows.size() + " recipients"))
        .anyMatch(f -> f.startsWith("Compensation: Decided ") && f.endsWith(" by manager: Service credit of 20% (departs from the suggestion)"));
  }

  @Test
  void followingTheSuggestionNeedsNoReasonAndAPublishedReportIsRepublishedWithIt() {
    ProcessInstance incident = resolvedIncident("checkout");
    String key = incidentKey(incident);
    ProcessInstance followUp = followUp(key);
    IncidentReport first = reports.publish(key, Map.of());
    assertThat(first.section(IncidentReport.FOLLOW_UP).orElseThrow().facts()).isEmpty();

    complete(followUp, DECIDE_COMPENSATION, "manager", MANAGERS, vars("compensation", "service-credit",
        "creditPercent", 10));
    IncidentReport latest = reports.latest(key).orElseThrow();
    assertThat(latest.revision()).isEqualTo(first.revision() + 1);
    assertThat(latest.reason()).isEqualTo(IncidentReport.FOLLOW_UP_REASON);
    assertThat(latest.section(IncidentReport.FOLLOW_UP).orElseThrow().facts())
        .extracting(f -> f.label() + ": " + f.value())
        .contains("Reason: as the compensation policy suggests")
        .anyMatch(f -> f.endsWith(" by manager: Service credit of 10%"));
    assertThat(compensations.decision(key).orElseThrow().departed()).isFalse();
  }

  @Test
  void anIncidentCustomersDidNotSeeGetsNeitherTask() {
    ProcessInstance incident = resolvedIncident("reporting");
    String key = incidentKey(incident);
    assertThat(incident).hasPassed(IncidentProcess.Elements.START_CUSTOMER_FOLLOW_UP);
    assertThat(followUps(key)).isZero();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKeyIn(SEND_APOLOGY, DECIDE_COMPENSATION).count()).isZero();
  }

  @Test
  void aDrillNeverApologisesNorCompensates() {
    engine.getIdentityService().setAuthentication("manager", MANAGERS);
    ProcessInstance drill;
    try {
      drill = engine.getRuntimeService().startProcessInstanceByKey("drill");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    complete(drill, "PlanDrillScenario", "manager", MANAGERS, vars(
        "drillScenario", "payment-db-connection", "drillParticipants", "responder"));
    ProcessInstance incident = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(drill.getId()).singleResult();
    String key = incidentKey(incident);
    assertThat(incidents.require(key).drill()).isTrue();
    assertThat(engine.getRuntimeService().getVariable(incident.getId(), "customerFacing")).isEqualTo(true);
    complete(drill, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", false));
    complete(drill, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Drill: DB memory leak", "recoveryStrategy", "failover"));
    complete(drill, "VerifyRecovery", "responder", RESPONDERS, vars("recoveryVerified", "yes",
        "verificationNotes", "Backup serves"));
    complete(drill, "ConfirmServiceRestored", "responder", RESPONDERS, vars("serviceRestored", "yes",
        "resolutionSummary", "Drill resolved"));
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(incident.getId())
        .activityId(IncidentProcess.Elements.START_CUSTOMER_FOLLOW_UP).finished().count()).isOne();
    assertThat(followUps(key)).isZero();
    // and were the apology queued by hand for a drill, nothing would be written
    assertThat(apologies.queue(key, new CustomerApologies.Draft("a", "b", "c", "d"), "kim@shop.example", "comms"))
        .isZero();
    assertThat(apologies.summary(key)).isEmpty();
  }

  @Test
  void onlyCustomerFacingIncidentsThatAreNoDrillsGetTheFollowUp() {
    assertThat(StartCustomerFollowUp.isFor(true, false)).isTrue();
    assertThat(StartCustomerFollowUp.isFor(false, false)).isFalse();
    assertThat(StartCustomerFollowUp.isFor(true, true)).isFalse();
  }
}
