package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.IncidentType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every incident type has a notice for every phase, in English and Korean. */
class NoticeTemplatesTest {

  final NoticeTemplates templates = new NoticeTemplates(new NotifyProperties());
  final Instant start = Instant.parse("2023-05-15T05:30:00Z");
  final ZoneId seoul = ZoneId.of("Asia/Seoul");

  @Test
  void everyTypeAndPhaseHasATemplateInBothLanguages() {
    for (IncidentType type : IncidentType.values()) {
      for (NoticePhase phase : NoticePhase.values()) {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.KOREAN}) {
          String text = templates.render(type, phase, "Payments", start, seoul, locale);
          assertThat(text).as("%s %s %s", type, phase, locale).contains("Payments").doesNotContain("{0}", "{1}");
        }
      }
    }
  }

  @Test
  void everyTypeHasAPublicTitleInBothLanguages() {
    for (IncidentType type : IncidentType.values()) {
      for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.KOREAN}) {
        assertThat(templates.title(type, "Payments", locale)).as("%s %s", type, locale)
            .contains("Payments").doesNotContain("{0}").hasSizeLessThan(100);
      }
    }
    assertThat(templates.title(IncidentType.OUTAGE, "Payments", Locale.ENGLISH)).isEqualTo("Payments unavailable");
    assertThat(templates.title(IncidentType.OUTAGE, "결제", Locale.KOREAN)).isEqualTo("결제 서비스 장애");
  }

  @Test
  void englishAndKoreanDiffer() {
    String english = templates.render(IncidentType.DATABASE, NoticePhase.INVESTIGATING, "Payments", start, seoul, Locale.ENGLISH);
    String korean = templates.render(IncidentType.DATABASE, NoticePhase.INVESTIGATING, "Payments", start, seoul, Locale.KOREAN);
    assertThat(english).isEqualTo("Some Payments requests fail since 2023-05-15 14:30 KST because of a database problem. "
        + "We are investigating.");
    assertThat(korean).startsWith("2023-05-15 14:30").contains("데이터베이스 문제로 Payments 요청 일부가 실패");
  }

  /** Issue 11: a public incident dismissed as a false positive ends with a notice in words, en and ko. */
  @Test
  void aDismissalSaysFalseAlarmInBothLanguages() {
    assertThat(templates.dismissal("Checkout", Locale.ENGLISH)).isEqualTo("On closer inspection the problem reported for "
        + "Checkout was a false alarm: Checkout was not affected and works normally. We apologise for any concern.");
    assertThat(templates.dismissal("결제", Locale.KOREAN)).contains("결제", "오경보", "영향을 받지 않았으며")
        .doesNotContain("{0}", "false alarm");
  }

  @Test
  void defaultLocaleIsConfigurable() {
    NotifyProperties properties = new NotifyProperties();
    properties.setLocale("ko");
    assertThat(new NoticeTemplates(properties).defaultLocale()).isEqualTo(Locale.KOREAN);
  }
}
