package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
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

}
