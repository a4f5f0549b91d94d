package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.ImportedIncident;
import dev.firebreak.incident.ImportedIncidents;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.Severity;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.knowledge.KnowledgeBase;
import dev.firebreak.platform.ProcessTestSupport;
import dev.firebreak.platform.web.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * approve-report-correction.bpmn: a correction of a published report, proposed by someone who worked
 * the incident, approved (a new revision with the text, the correction and its reason shown, the
 * knowledge base following) or rejected (kept with its reason, the report unchanged) by an incident
 * manager other than the proposer; bad input stores nothing and starts nothing.
 */
class ReportCorrectionPathsTest extends ProcessTestSupport {

  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Autowired
  ReportCorrections corrections;
  @Autowired
  ReportSnapshots reports;
  @Autowired
  ImportedIncidents imported;
  @Autowired
  Incidents incidents;
  @Autowired
  KnowledgeBase knowledge;
  @Autowired
  TransactionTemplate transactions;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  Postmortems postmortems;

  /** A past incident with a published report (revision 1) whose cause is a guess. */
  private String publishedIncident() {
    return transactions.execute(status -> {
      String key = imported.record(new ImportedIncident("Settlement DB connection pool exhausted", "settlement",
          IncidentType.DATABASE, ImpactScope.ALL_USERS, Severity.SEV2, "Settlement writes failed", "manager", "test",
          Instant.parse("2025-06-01T10:00:00Z"), Instant.parse("2025-06-01T10:00:00Z"),
          Instant.parse("2025-06-01T10:00:00Z"), Instant.parse("2025-06-01T10:05:00Z"),
          Instant.parse("2025-06-01T10:30:00Z"), Instant.parse("2025-06-01T10:40:00Z"), null), "test", UUID.randomUUID().toString(), "manager");
      Map<String, String> written = new LinkedHashMap<>();
      written.put(IncidentReport.OVERVIEW, "Settlement writes failed for 40 minutes");
      written.put(IncidentReport.CAUSE, "Probably the network");
      written.put(IncidentReport.LESSONS, "Alert on pool saturation");
      written.put("resolution", "Restarted the settlement service");
      reports.publishImported(key, written);
      return key;
    });
  }

  private ProcessInstance review(ReportCorrections.Correction correction) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ReportCorrectionProcess.ID)
        .processInstanceBusinessKey(correction.incidentKey()).variableValueEquals(
            ReportCorrectionProcess.CORRECTION_ID.name(), String.valueOf(correction.id())).singleResult();
  }

  @Test
  void anApprovedCorrectionRepublishesTheReportWithItsTextAndReasonAndTheKnowledgeBaseFollows() {
    String key = publishedIncident();
    assertThat(knowledge.entry(key).orElseThrow().cause()).isEqualTo("Probably the network");

    ReportCorrections.Correction proposed = corrections.propose(key, "cause",
        "연결 풀 해제 버그: the pool did not release connections on the error path",
        "The DB logs show the pool, not the network", "responder");
    assertThat(proposed.status()).isEqualTo("proposed");
    assertThat(proposed.previousText()).isEqualTo("Probably the network");
    ProcessInstance review = review(proposed);
    assertThat(review).isWaitingAt(ReportCorrectionProcess.Elements.APPROVE_CORRECTION);
    assertThat(review).task().hasCandidateGroup("incident-managers");
    assertThat(review).variables().containsEntry("reportCorrectionSection", "5. Root cause")
        .containsEntry("reportCorrectionCurrentText", "Probably the network")
        .containsEntry("reportCorrectionProposedBy", "responder").containsEntry("incidentKey", key);

    // four eyes: the proposer cannot decide; a changed proposal is refused (people never write system variables)
    assertThatThrownBy(() -> complete(review, "ApproveReportCorrection", "responder", MANAGERS, vars(
        "reportCorrectionDecision", "approve", "reportCorrectionDecisionReason", "Mine is right")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("You proposed this correction");
    assertThatThrownBy(() -> complete(review, "ApproveReportCorrection", "manager", MANAGERS, vars(
        "reportCorrectionDecision", "approve", "reportCorrectionDecisionReason", "Fine",
        "reportCorrectionText", "Something else")))
        .isInstanceOf(dev.firebreak.platform.process.SystemVariableRefusedException.class);
    assertThat(review).isWaitingAt("ApproveReportCorrection");
    assertThat(reports.latest(key).orElseThrow().revision()).isEqualTo(1);

    complete(review, "ApproveReportCorrection", "manager", MANAGERS, vars(
        "reportCorrectionDecision", "approve", "reportCorrectionDecisionReason", "Matches the DB logs"));
    assertThat(review).isEnded().hasPassed("PublishCorrectedReport", "End_ReportCorrected")
        .hasNotPassed("RecordRejectedCorrection");

    IncidentReport corrected = reports.latest(key).orElseThrow();
    assertThat(corrected.revision()).isEqualTo(2);
    assertThat(corrected.reason()).isEqualTo(IncidentReport.CORRECTION);
    assertThat(corrected.section(IncidentReport.CAUSE).orElseThrow().text()).startsWith("연결 풀 해제 버그");
    assertThat(corrected.written().get(IncidentReport.LESSONS)).as("the other texts are kept")
        .isEqualTo("Alert on pool saturation");
    assertThat(corrected.imported()).as("still the imported incident's report").isTrue();
    assertThat(corrected.corrections()).singleElement().satisfies(c -> {
      assertThat(c.section()).isEqualTo("cause");
      assertThat(c.heading()).isEqualTo("5. Root cause");
      assertThat(c.reason()).isEqualTo("The DB logs show the pool, not the network");
      assertThat(c.proposedBy()).isEqualTo("responder");
      assertThat(c.approvedBy()).isEqualTo("manager");
      assertThat(c.approvalReason()).isEqualTo("Matches the DB logs");
      assertThat(c.revision()).isEqualTo(2);
    });
    String markdown = postmortems.report(key).orElseThrow();
    assertThat(markdown).contains("_Corrected in revision 2: The DB logs show the pool, not the network_",
        "## Corrections", "5. Root cause corrected because The DB logs show the pool, not the network",
        "approved by manager: Matches the DB logs");
    assertThat(reports.revisions(key).get(0).section(IncidentReport.CAUSE).orElseThrow().text())
        .as("revision 1 stays as published").isEqualTo("Probably the network");
    assertThat(corrections.require(proposed.id())).satisfies(c -> {
      assertThat(c.status()).isEqualTo("approved");
      assertThat(c.revision()).isEqualTo(2);
      assertThat(c.decidedBy()).isEqualTo("manager");
    });

    // the knowledge base entry follows: the new cause, what resolved it kept
    var entry = knowledge.entry(key).orElseThrow();
    assertThat(entry.cause()).startsWith("연결 풀 해제 버그");
    assertThat(entry.resolution()).isEqualTo("Restarted the settlement service");
    assertThat(entry.fullText()).contains("Corrected in revision 2");

    List<String> said = incidents.timeline(key).stream().filter(e -> TimelineEntry.Kind.POSTMORTEM.equals(e.kind()))
        .map(TimelineEntry::summary).toList();
    assertThat(said).anyMatch(s -> s.contains("Correction of 5. Root cause proposed: The DB logs show the pool"))
        .anyMatch(s -> s.contains("Correction of 5. Root cause approved, report re-published (revision 2): Matches the DB logs"));

    // a correction decided already publishes nothing again (a retried delegate)
    assertThat(corrections.approve(proposed.id(), "manager", "again")).isEmpty();
    assertThat(reports.revisions(key)).hasSize(2);
  }

  @Test
  void aRejectedCorrectionIsKeptWithItsReasonAndTheReportStaysAsItIs() {
    String key = publishedIncident();
    ReportCorrections.Correction proposed = corrections.propose(key, "lessons", "Nothing to learn",
        "Lessons are too long", "responder");
    ProcessInstance review = review(proposed);
    complete(review, "ApproveReportCorrection", "manager", MANAGERS, vars(
        "reportCorrectionDecision", "reject", "reportCorrectionDecisionReason", "The lessons are what we agreed"));
    assertThat(review).isEnded().hasPassed("RecordRejectedCorrection", "End_CorrectionRejected")
        .hasNotPassed("PublishCorrectedReport");

    assertThat(reports.latest(key).orElseThrow().revision()).as("not re-published").isEqualTo(1);
    assertThat(reports.latest(key).orElseThrow().written().get(IncidentReport.LESSONS)).isEqualTo("Alert on pool saturation");
    assertThat(corrections.of(key)).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo("rejected");
      assertThat(c.decidedBy()).isEqualTo("manager");
      assertThat(c.decisionReason()).isEqualTo("The lessons are what we agreed");
      assertThat(c.revision()).isNull();
    });
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::summary)
        .anyMatch(s -> s.contains("Correction of 8. Lessons learned rejected: The lessons are what we agreed"));
  }

  @Test
  void badInputOrNoReportStoresNothingAndStartsNothing() {
    String key = publishedIncident();
    long reviews = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ReportCorrectionProcess.ID).count();
    assertThatThrownBy(() -> corrections.propose(key, "timeline", " ", null, "responder"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
            .extracting(InvalidInputException.FieldProblem::field).containsExactly("section", "text", "reason"));
    assertThatThrownBy(() -> corrections.propose(key, "cause", "Probably the network", "same", "responder"))
        .as("the text the report has already").isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("text");
    String unpublished = transactions.execute(status -> imported.record(new ImportedIncident("No report", "settlement",
        IncidentType.OUTAGE, ImpactScope.PART_OF_USERS, Severity.SEV3, null, null, "test",
        Instant.parse("2025-06-02T10:00:00Z"), Instant.parse("2025-06-02T10:00:00Z"),
        Instant.parse("2025-06-02T10:00:00Z"), null, Instant.parse("2025-06-02T11:00:00Z"),
        Instant.parse("2025-06-02T11:00:00Z"), null),
        "test", UUID.randomUUID().toString(), "manager"));
    assertThatThrownBy(() -> corrections.propose(unpublished, "cause", "A cause", "Why", "responder"))
        .isInstanceOf(ReportCorrections.NoReport.class);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM report_correction WHERE incident_key IN (?, ?)")
        .params(key, unpublished).query(Long.class).single()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ReportCorrectionProcess.ID).count()).isEqualTo(reviews);
  }
}
