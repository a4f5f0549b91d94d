package dev.firebreak.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 14: an approved post-mortem's report enters the knowledge base when it is published
 * (postmortem's IncidentReportPublished), and the next incident of the same service and type sees it
 * on its Triage form. Service "ledger" is this test's own, so other tests' reports stay apart.
 */
class ReportPublicationFeedsKnowledgeTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Autowired
  KnowledgeBase knowledge;

  @Test
  void aPublishedReportIsSearchableAndTheNextTriageOfTheServiceShowsIt() {
    ProcessInstance incident = declareIncident("responder", RESPONDERS, vars("title", "Ledger DB 연결 풀 고갈",
        "service", "ledger", "incidentType", "database", "impactScope", "all-users"));
    String key = incidentKey(incident);
    // other tests of this context may have published reports of the same type, none of ledger
    Object before = engine.getTaskService().getVariable(task(incident, "TriageIncident").getId(),
        IncidentProcess.SIMILAR_INCIDENTS.name());
    assertThat(before == null ? "" : before.toString()).as("nothing published for ledger yet").doesNotContain("Ledger");
    complete(incident, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", false));
    complete(incident, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Primary DB leaks connections", "recoveryStrategy", "failover"));
    complete(incident, "VerifyRecovery", "responder", RESPONDERS, vars("recoveryVerified", "yes",
        "verificationNotes", "Backup DB serves the ledger"));
    complete(incident, "ConfirmServiceRestored", "responder", RESPONDERS, vars("serviceRestored", "yes",
        "resolutionSummary", "Switched the ledger to the backup database"));
    complete(incident, "SchedulePostmortemMeeting", "manager", MANAGERS, vars("meetingAt", "2026-11-27T10:00",
        "meetingParticipants", "responder, manager", "facilitator", "manager"));
    complete(incident, "WritePostmortem", "responder", RESPONDERS, Variables.createVariables()
        .putValue("postmortemSummary", "Ledger writes failed for 40 minutes")
        .putValue("customerImpact", "Balances were late")
        .putValue("rootCause", "연결 풀이 해제되지 않는 버그 (pool release bug)")
        .putValue("responseTimeline", "10:05 paged; 10:40 failed over")
        .putValue("preventionMeasures", "Pool release tests")
        .putValue("followUp", "None")
        .putValue("lessonsLearned", "Alert on pool saturation")
        .putValueTyped("actionItems", SpinValues.jsonValue("""
            [{"title":"Test pool release","owner":"responder","dueDate":"2026-12-15"}]""").create()));
    assertThat(knowledge.entry(key)).as("not before approval").isEmpty();
    complete(incident, "ApprovePostmortem", "manager", MANAGERS, vars("postmortemDecision", "approve",
        "postmortemReviewNotes", "Good"));

    KnowledgeEntry entry = knowledge.entry(key).orElseThrow();
    assertThat(entry.title()).isEqualTo("Ledger DB 연결 풀 고갈");
    assertThat(entry.service()).isEqualTo("ledger");
    assertThat(entry.type()).isEqualTo("database");
    assertThat(entry.severity()).isNotNull();
    assertThat(entry.summary()).isEqualTo("Ledger writes failed for 40 minutes");
    assertThat(entry.cause()).isEqualTo("연결 풀이 해제되지 않는 버그 (pool release bug)");
    assertThat(entry.resolution()).isEqualTo("Switched the ledger to the backup database");
    assertThat(entry.lessons()).contains("Alert on pool saturation", "Pool release tests");
    assertThat(entry.fullText()).contains("# " + key, "Test pool release");
    assertThat(knowledge.search(new KnowledgeQuery("풀 해제", "ledger", null, null, null, null, 0)))
        .extracting(KnowledgeBase.Hit::key).containsExactly(key);

    ProcessInstance next = declareIncident("responder", RESPONDERS, vars("title", "Ledger writes time out",
        "service", "ledger", "incidentType", "database", "impactScope", "part-of-users"));
    String similar = (String) engine.getTaskService().getVariable(task(next, "TriageIncident").getId(),
        IncidentProcess.SIMILAR_INCIDENTS.name());
    assertThat(similar).startsWith(key + " — Ledger DB 연결 풀 고갈")
        .contains("연결 풀이 해제되지 않는 버그 (pool release bug)", "Switched the ledger to the backup database",
            "/api/incidents/" + key + "/report");
  }
}
