package dev.firebreak.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DurationsTest {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @Test
  void minutesThenHoursAndMinutes() {
    assertThat(Durations.duration(Duration.ZERO)).isEqualTo("0 min");
    assertThat(Durations.duration(Duration.ofSeconds(59))).isEqualTo("0 min");
    assertThat(Durations.duration(Duration.ofMinutes(45))).isEqualTo("45 min");
    assertThat(Durations.duration(Duration.ofMinutes(59))).isEqualTo("59 min");
    assertThat(Durations.duration(Duration.ofMinutes(60))).isEqualTo("1 h");
    assertThat(Durations.duration(Duration.ofMinutes(135))).isEqualTo("2 h 15 min");
    assertThat(Durations.duration(Duration.ofHours(48).minusMinutes(1))).isEqualTo("47 h 59 min");
    assertThat(Durations.duration(Duration.ofMinutes(-5))).as("never negative").isEqualTo("0 min");
    assertThat(Durations.duration(null)).isEqualTo("0 min");
  }

  @Test
  void daysBeyond48Hours() {
    assertThat(Durations.duration(Duration.ofHours(48))).isEqualTo("2 d");
    assertThat(Durations.duration(Duration.ofHours(76).plusMinutes(30))).isEqualTo("3 d 4 h");
  }

  @Test
  void anAgeBeyond30DaysIsTheDateItBegan() {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(Durations.age(now.minus(Duration.ofMinutes(135)), now, SEOUL)).isEqualTo("2 h 15 min");
    assertThat(Durations.age(now.minus(Duration.ofDays(30)), now, SEOUL)).isEqualTo("30 d");
    Instant longAgo = Instant.parse("2023-04-01T16:00:00Z");
    assertThat(Durations.age(longAgo, now, SEOUL)).as("the date in the zone, not 31105 h")
        .isEqualTo("since 2023-04-02");
    assertThat(Durations.age(null, now, SEOUL)).isEqualTo("—");
  }

  @Test
  void cyclesReadAsACadence() {
    assertThat(Durations.cycle("R/PT30M")).isEqualTo("every 30 min");
    assertThat(Durations.cycle("R/PT1H")).isEqualTo("every 1 h");
    assertThat(Durations.cycle("R/PT4H")).isEqualTo("every 4 h");
    assertThat(Durations.cycle("R/P1D")).isEqualTo("every 24 h");
    assertThat(Durations.cycle("PT15M")).isEqualTo("15 min");
    assertThat(Durations.cycle("nonsense")).isEqualTo("nonsense");
    assertThat(Durations.cycle(null)).isEmpty();
  }

  @Test
  void inKoreanTheUnitsAreKorean() {
    java.util.Locale ko = java.util.Locale.KOREAN;
    assertThat(Durations.duration(Duration.ofMinutes(45), ko)).isEqualTo("45분");
    assertThat(Durations.duration(Duration.ofMinutes(120), ko)).isEqualTo("2시간");
    assertThat(Durations.duration(Duration.ofMinutes(135), ko)).isEqualTo("2시간 15분");
    assertThat(Durations.duration(Duration.ofHours(48), ko)).isEqualTo("2일");
    assertThat(Durations.duration(Duration.ofHours(76).plusMinutes(30), ko)).isEqualTo("3일 4시간");
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(Durations.age(Instant.parse("2023-04-01T16:00:00Z"), now, SEOUL, ko)).isEqualTo("2023-04-02부터");
    assertThat(Durations.cycle("R/PT30M", ko)).isEqualTo("30분마다");
    assertThat(Durations.cycle("PT4H", ko)).isEqualTo("4시간");
    assertThat(Durations.duration(Duration.ofMinutes(135), java.util.Locale.ENGLISH)).isEqualTo("2 h 15 min");
    assertThat(Durations.cycle("R/PT30M", java.util.Locale.ENGLISH)).isEqualTo("every 30 min");
  }
}
