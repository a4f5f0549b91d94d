package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class NoteTimeTest {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  /** 2026-12-01 15:00 in Seoul. */
  static final Instant AFTERNOON = Instant.parse("2026-12-01T06:00:00Z");

  @Test
  void aTimeEarlierTodayIsToday() {
    NoteTime note = NoteTime.parse("14:35 DB 서버 상태 확인", AFTERNOON, SEOUL);
    assertThat(note.occurredAt()).isEqualTo(Instant.parse("2026-12-01T05:35:00Z"));
    assertThat(note.text()).isEqualTo("DB 서버 상태 확인");
    assertThat(note.statedTime()).isEqualTo("14:35");
  }

  @Test
  void aTimeStillAheadTodayWasYesterday() {
    NoteTime note = NoteTime.parse("15:01 restarted the primary", AFTERNOON, SEOUL);
    assertThat(note.occurredAt()).isEqualTo(Instant.parse("2026-11-30T06:01:00Z"));
  }

  @Test
  void nowItselfIsNotTheFuture() {
    assertThat(NoteTime.parse("15:00 paged the DBA", AFTERNOON, SEOUL).occurredAt()).isEqualTo(AFTERNOON);
  }

  @Test
  void aroundMidnight() {
    Instant justAfterMidnight = Instant.parse("2026-11-30T15:00:30Z"); // 2026-12-01 00:00:30 in Seoul
    assertThat(NoteTime.parse("00:00 failover started", justAfterMidnight, SEOUL).occurredAt())
        .isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
    assertThat(NoteTime.parse("23:59 alert fired", justAfterMidnight, SEOUL).occurredAt())
        .as("yesterday evening").isEqualTo(Instant.parse("2026-11-30T14:59:00Z"));
    assertThat(NoteTime.parse("0:05 back up", justAfterMidnight, SEOUL).occurredAt())
        .as("five past midnight is still ahead: yesterday's").isEqualTo(Instant.parse("2026-11-29T15:05:00Z"));
  }

  @Test
  void withoutATimeTheNoteHappenedWhenPosted() {
    NoteTime note = NoteTime.parse("  checked the DB server  ", AFTERNOON, SEOUL);
    assertThat(note.occurredAt()).isEqualTo(AFTERNOON);
    assertThat(note.text()).isEqualTo("checked the DB server");
    assertThat(note.statedTime()).isNull();
  }

  @Test
  void notATimeOfDay() {
    assertThat(NoteTime.parse("24:00 midnight?", AFTERNOON, SEOUL).occurredAt()).isEqualTo(AFTERNOON);
    assertThat(NoteTime.parse("14:75 typo", AFTERNOON, SEOUL).occurredAt()).isEqualTo(AFTERNOON);
    assertThat(NoteTime.parse("14:35", AFTERNOON, SEOUL).occurredAt()).as("a time and nothing else").isEqualTo(AFTERNOON);
    assertThat(NoteTime.parse("v2:10 deployed", AFTERNOON, SEOUL).occurredAt()).isEqualTo(AFTERNOON);
  }

  @Test
  void koreanHoursAndMinutes() {
    assertThat(NoteTime.parse("14시 35분 DB 서버 재시작", AFTERNOON, SEOUL).occurredAt())
        .isEqualTo(Instant.parse("2026-12-01T05:35:00Z"));
  }
}
