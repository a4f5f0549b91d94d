package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.SeverityChanges;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.ProcessTestSupport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 11, point 6: with {@code firebreak.notify.locale=ko} what intake, severity changes, the
 * channels and Jira write on the timeline is Korean too (alert entries, "심각도 변경", the announced
 * cadence), not English literals.
 */
@TestPropertySource(properties = "firebreak.notify.locale=ko")
class KoreanAlertTimelineTest extends ProcessTestSupport {

  @Autowired
  AlertIntake intake;

  @Autowired
  AlertProcessor processor;

  @Autowired
  Incidents incidents;

  @Autowired
  SeverityChanges severityChanges;

  @Autowired
  JdbcClient jdbc;

  @Test
  void alertAndSeverityChangeEntriesAreKorean() throws Exception {
    String alertname = "KoPaymentsErrors" + UUID.randomUUID().toString().substring(0, 8);
    AlertEvent firing = new AlertEvent("alertmanager", "ko-" + alertname, AlertEvent.Status.FIRING,
        Map.of("alertname", alertname, "service", "payments", "severity", "warning"),
        Map.of("summary", "결제 오류 증가"), Instant.now(), null, Map.of());
    intake.accept(List.of(firing));
    processor.processPending();
    String key = jdbc.sql("SELECT incident_key FROM alert_state WHERE fingerprint = ?").param("ko-" + alertname)
        .query(String.class).single();

    var responder = new UsernamePasswordAuthenticationToken("responder", "demo",
        List.of(new SimpleGrantedAuthority("GROUP_responders")));
    severityChanges.change(key, "SEV1", "전체 결제 실패", responder);
    runDueJobs(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey("incident").singleResult());

    List<String> timeline = incidents.timeline(key).stream().map(TimelineEntry::summary).toList();
    assertThat(timeline).contains("경보 발생: " + alertname + " — 결제 오류 증가");
    assertThat(timeline).as("the classification names the type and the scope in Korean")
        .anyMatch(s -> s.matches("경보 분류: payments, (서비스 중단|성능 저하|데이터베이스|보안|데이터 무결성|점검), "
            + "(전체 사용자|일부 사용자|단일 고객|내부 한정).*"));
    assertThat(timeline).as("the channel card's headline is the step's Korean phrase, not the diagram's English name")
        .anyMatch(s -> s.contains("인시던트 채널 게시"))
        .noneMatch(s -> s.contains("Post to incident channel"));
    assertThat(timeline).anyMatch(s -> s.matches("심각도 변경: SEV\\d → SEV1 \\(전체 결제 실패\\)"));
    assertThat(timeline).as("the channels and Jira hear of the change in Korean, with the new cadence")
        .anyMatch(s -> s.contains("심각도가 SEV1(으)로 바뀜; 상황 업데이트 30분마다"));
    assertThat(timeline).as("the escalation to level 2 is announced in Korean")
        .anyMatch(s -> s.startsWith("채팅 (기록만, 보내지 않음) #") && s.contains(": 레벨 2(으)로 에스컬레이션됨 ("));
    assertThat(timeline).noneMatch(s -> s.startsWith("Alert firing") || s.startsWith("Severity changed")
        || s.startsWith("Classify alert") || s.startsWith("Chat (recorded") || s.contains("scalated to level"));
    // issue 11.6: none of the bundle's or the models' English (the alert's own name and text are data)
    dev.firebreak.platform.i18n.EnglishPhrases.assertNone(timeline, alertname);
  }
}
