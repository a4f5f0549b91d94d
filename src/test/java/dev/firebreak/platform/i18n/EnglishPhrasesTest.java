package dev.firebreak.platform.i18n;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The check the Korean timeline tests use finds English where there is some (lines of a timeline before issue 11.6). */
class EnglishPhrasesTest {

  @Test
  void findsTheEnglishOfTheBundleAndTheModels() {
    for (String english : List.of(
        "Triage incident — manager 님이 완료함 (triageOutcome: acknowledge)",
        "L1: on-call engineers and operations; 승인 필요: 아니요 — Otherwise on-call engineers and operations (L1) handle it.",
        "채팅 (기록만, 보내지 않음) #inc-2026-0001: Status update (Investigating): 원인을 조사하고 있습니다.",
        "알림: Central channel, Incident channel; 상황 업데이트 1시간마다",
        "레벨 2(으)로 에스컬레이션 요청: SEV1: the service team joins at once",
        "Something nobody translated yet")) {
      assertThatThrownBy(() -> EnglishPhrases.assertNone(List.of(english))).as(english).isInstanceOf(AssertionError.class);
    }
  }

  @Test
  void letsKoreanWithDataPass() {
    assertThatCode(() -> EnglishPhrases.assertNone(List.of(
        "포스트모템 회의 일정: 2026-12-03 14:00 KST (Asia/Seoul), 참석자 Rae Responder, Pat Payments (진행자 Min Manager)",
        "이메일 (기록만, 보내지 않음) responder@firebreak.example, payments-dev@firebreak.example: [SEV2] INC-2026-0001 분류 필요",
        "채팅 (기록만, 보내지 않음) #inc-2026-0001: 해결 알림 — [SEV2] INC-2026-0001 결제 DB 연결 실패 (payments, 상태 해결됨, 레벨 3) "
            + "http://localhost:8080/api/incidents/INC-2026-0001"))).doesNotThrowAnyException();
  }
}
