package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.Severity;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The report's headings come from the bundles: Korean with firebreak.notify.locale=ko, English otherwise (11.6). */
class IncidentReportLanguageTest {

  static final Instant STARTED = Instant.parse("2026-03-02T05:00:00Z");

  String report(String locale) {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    Incidents incidents = mock(Incidents.class);
    when(incidents.require("INC-2026-0042")).thenReturn(new IncidentRecord("INC-2026-0042", "결제 DB 연결 실패",
        "payments", IncidentType.DATABASE, ImpactScope.ALL_USERS, Severity.SEV1, IncidentStatus.RESOLVED, 2, "manager",
        "", false, "alertmanager", "responder", "pi", STARTED, STARTED, STARTED.plusSeconds(300), null,
        STARTED.plusSeconds(8100), null, 3, STARTED, false));
    when(incidents.timeline("INC-2026-0042")).thenReturn(List.of());
    Postmortems postmortems = mock(Postmortems.class);
    when(postmortems.actionItems("INC-2026-0042")).thenReturn(List.of());
    return new IncidentReportWriter(incidents, postmortems, new FirebreakProperties(), new Texts(messages, locale))
        .write("INC-2026-0042", mock(VariableScope.class));
  }

  @Test
  void koreanHeadingsInTheHandbooksOrder() {
    String report = report("ko");
    assertThat(report).containsSubsequence("## 1. 개요", "- **시작**: ", "- **지속 시간**: 2시간 15분", "## 2. 감지",
        "## 3. 커뮤니케이션", "## 4. 대응 조치", "## 5. 근본 원인", "## 6. 재발 방지", "## 7. 후속 조치", "## 8. 교훈");
    assertThat(report).doesNotContain("Overview", "Detection", "Root cause", "Lessons learned", "Started");
  }

  @Test
  void englishByDefault() {
    assertThat(report("en")).containsSubsequence("## 1. Overview", "- **Duration**: 2h 15m", "## 2. Detection",
        "## 8. Lessons learned").doesNotContain("개요");
  }
}
