package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import dev.firebreak.platform.i18n.EnglishPhrases;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 11, point 6: with {@code firebreak.notify.locale=ko} the timeline's own words are Korean —
 * the declaration, the stages, decisions and the moved status updates with their durations.
 */
@TestPropertySource(properties = "firebreak.notify.locale=ko")
class KoreanTimelineTest extends ProcessTestSupport {

  static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Autowired
  Incidents incidents;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void theTimelineSpeaksKorean() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date());
    try {
      ProcessInstance instance = declareIncident("responder", List.of("responders"), vars("title", "Some payments failing",
          "service", "payments", "incidentType", "outage", "impactScope", "part-of-users"));
      String key = (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");

      complete(instance, "TriageIncident", "manager", MANAGERS, vars("triageOutcome", "acknowledge",
          "complexity", "low", "overrideSeverity", true, "severityOverride", "SEV1",
          "severityOverrideReason", "Checkout fails for everyone paying by card"));

      List<String> timeline = incidents.timeline(key).stream().map(TimelineEntry::summary).toList();
      assertThat(timeline).anyMatch(s -> s.startsWith("인시던트 선언: Some payments failing (payments, 출처 "));
      assertThat(timeline).contains("상태: 조사 중");
      assertThat(timeline).anyMatch(s -> s.startsWith("알림: ") && s.contains("; 상황 업데이트 30분마다"));
      assertThat(timeline).as("the moved status updates, their cycle and the time until the next in Korean")
          .anyMatch(s -> s.matches("이제부터 상황 업데이트 30분마다; 다음은 \\d+분 후"));
      assertThat(timeline).noneMatch(s -> s.startsWith("Status: ") || s.startsWith("Incident declared"));
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }


  @Autowired
  SeverityChanges severityChanges;
  @Autowired
  dev.firebreak.audit.IncidentAudit audit;
  @Autowired
  dev.firebreak.postmortem.ActionItemFollowUp actionItems;
  @Autowired
  dev.firebreak.postmortem.Postmortems postmortems;

  /**
   * Issue 11, point 6: a whole incident in the ko locale — declaration, decisions, triage with an
   * override, pages, escalation with approval, a later severity change, public notices, recovery,
   * the post-mortem with its meeting and action items — and not one of the timeline's own phrases is
   * English: every English phrase of the bundle, every step name and rule description of the models
   * is absent from every entry Firebreak wrote.
   */
  @Test
  void aWholeIncidentSpeaksKorean() throws Exception {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date());
    ProcessInstance instance = declareIncident("responder", List.of("responders"), vars("title", "결제 DB 연결 실패",
        "service", "payments", "incidentType", "outage", "impactScope", "part-of-users"));
    String key = (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");
    complete(instance, "TriageIncident", "manager", MANAGERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "commander", "manager", "overrideSeverity", true, "severityOverride", "SEV1",
        "severityOverrideReason", "카드 결제 전체 실패"));
    var page = task(instance, "AcknowledgePage");
    assertThat(jdbc.sql("SELECT body FROM mail_outbox WHERE incident_key = ?").param(key).query(String.class).list())
        .as("the on-call person's page e-mail speaks Korean too")
        .anyMatch(body -> body.contains("당번입니다") && body.contains("Tasklist에서 호출을 확인하세요"))
        .noneMatch(body -> body.contains("You are on call"));
    complete(instance, page, page.getAssignee(), List.of("team-payments"), vars("acknowledgementNote", "확인 중"));
    moveClock(31);
    runDueJobs(instance);
    if (hasTask(instance, "ApprovePublicNotice")) {
      complete(instance, "ApprovePublicNotice", "comms", List.of("communications"), vars(
          "statusPhase", "investigating", "statusMessage", "원인을 조사하고 있습니다."));
    }
    if (hasTask(instance, "ApproveEscalation")) {
      complete(instance, "ApproveEscalation", "manager", MANAGERS, vars(
          "escalationDecision", "approve", "escalationDecisionReason", "31분째 결제 불가"));
    }
    var responder = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
        "responder", "demo", List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
            "GROUP_responders")));
    severityChanges.change(key, "SEV2", "일부 사용자만 영향", responder);
    runDueJobs(instance);
    complete(instance, "DiagnoseAndChooseRecovery", "responder", List.of("responders"), vars(
        "diagnosis", "4.2.0 배포 이후 연결 누수", "recoveryStrategy", "rollback", "targetVersion", "4.1.3",
        "databaseChanged", true));
    complete(instance, "ApproveRollback", "manager", MANAGERS, vars(
        "rollbackDecision", "approve", "rollbackDecisionReason", "마지막 안정 버전"));
    complete(instance, "ConfirmDeployment", "responder", List.of("responders"), vars(
        "deploymentOutcome", "succeeded", "deploymentDetails", "직접 배포함"));
    complete(instance, "RestoreDatabase", "responder", List.of("responders"), vars(
        "restoredFrom", "PITR 14:29", "dataConsistent", "yes", "consistencyNotes", "건수 일치"));
    complete(instance, "VerifyRecovery", "responder", List.of("responders"), vars("recoveryVerified", "yes",
        "verificationNotes", "결제 정상"));
    complete(instance, "ConfirmServiceRestored", "responder", List.of("responders"), vars("serviceRestored", "yes",
        "resolutionSummary", "백업 DB로 전환"));
    runDueJobs(instance);
    if (hasTask(instance, "DecidePostmortem")) {
      complete(instance, "DecidePostmortem", "manager", MANAGERS, vars("postmortemDecision", "hold"));
    }
    complete(instance, "SchedulePostmortemMeeting", "manager", MANAGERS, vars("meetingAt", "2026-12-03T14:00",
        "meetingParticipants", "responder, payments-dev", "facilitator", "manager"));
    var written = org.camunda.bpm.engine.variable.Variables.createVariables()
        .putValue("postmortemSummary", "2시간 15분 동안 결제 불가")
        .putValue("customerImpact", "전체 사용자 결제 불가")
        .putValue("rootCause", "주 DB 메모리 누수")
        .putValue("responseTimeline", "14:35 DB 서버 상태 확인")
        .putValue("preventionMeasures", "DB 메모리 모니터링")
        .putValue("followUp", "사과 및 보상")
        .putValue("lessonsLearned", "전환 시간 단축")
        .putValueTyped("actionItems", org.camunda.spin.plugin.variable.SpinValues.jsonValue("""
            [{"title":"DB 메모리 경보","owner":"responder","dueDate":"2026-12-15"}]""").create());
    complete(instance, "WritePostmortem", "responder", List.of("responders"), written);
    complete(instance, "ApprovePostmortem", "manager", MANAGERS, vars(
        "postmortemDecision", "approve", "postmortemReviewNotes", "좋습니다"));
    String issue = postmortems.actionItems(key).get(0).trackerKey();
    actionItems.issueDone(issue);

    List<TimelineEntry> timeline = incidents.timeline(key);
    assertThat(timeline).extracting(TimelineEntry::kind).as("every kind of entry a lifecycle writes")
        .contains(TimelineEntry.Kind.DECLARED, TimelineEntry.Kind.DECISION, TimelineEntry.Kind.NOTIFICATION,
            TimelineEntry.Kind.TASK, TimelineEntry.Kind.SEVERITY, TimelineEntry.Kind.STAGE,
            TimelineEntry.Kind.ESCALATION, TimelineEntry.Kind.TRACKING, TimelineEntry.Kind.RECOVERY,
            TimelineEntry.Kind.POSTMORTEM);
    List<String> summaries = timeline.stream().map(TimelineEntry::summary).toList();
    // the Korean of the models: steps, rule descriptions, output labels, answers, reasons, whom a level pages
    assertThat(summaries).contains("인시던트 분류 — manager 님이 완료함 (실제 인시던트인가?: 확인 — 실제 인시던트)",
        "레벨 2(으)로 에스컬레이션 요청: SEV1: 서비스 팀이 즉시 합류", "에스컬레이션 승인 — manager 님이 완료함 (결정: 승인)");
    assertThat(summaries).anyMatch(s -> s.startsWith("알림: 중앙 채널, 인시던트 채널, 온콜 이메일")
        && s.endsWith("— SEV1: 모든 채널에 즉시, 첫 공개 공지는 템플릿으로 즉시 게시, 30분마다 공개 업데이트 (핸드북: 내부와 외부에 즉시 공지)."));
    assertThat(summaries).anyMatch(s -> s.startsWith("채팅 (기록만, 보내지 않음) #inc-") && s.contains(": 상황 업데이트 (조사 중): "
        + "원인을 조사하고 있습니다. — [SEV1] " + key + " 결제 DB 연결 실패 (payments, 상태 조사 중, 레벨 2) "));
    assertThat(summaries).anyMatch(s -> s.contains("(L3: 경영진). SEV1이 30분 이상 열려 있음"));
    assertThat(summaries).as("the chosen strategy in words, not its code")
        .anyMatch(s -> s.contains("(복구 방법: 마지막 안정 버전으로 롤백)"));
    EnglishPhrases.assertNone(summaries, "Rae Responder", "Pat Payments", "Min Manager");

    // the auditor's evidence: the matched rule in Korean, beside the table's own annotation
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> decisions = (List<Map<String, Object>>) audit.evidence(key).get("decisions");
    Map<String, Object> severityRule = decisions.stream()
        .filter(d -> "incident-severity".equals(d.get("decisionKey")))
        .map(d -> ((List<Map<String, Object>>) d.get("matchedRules")).get(0)).findFirst().orElseThrow();
    assertThat(severityRule).containsEntry("id", "incident-severity-rule-4")
        .containsEntry("description", "1등급 서비스의 일부 사용자가 영향을 받음: SEV2.")
        .containsEntry("annotation", "Part of the users of a tier-1 service are affected: SEV2.");
  }
}
