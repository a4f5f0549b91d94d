package dev.firebreak.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is on call across handovers, with an override, and who comes next. */
class OnCallRotationTest {

  final Instant monday = Instant.parse("2026-01-05T00:00:00Z");
  final OnCallRotation weekly = new OnCallRotation(List.of("ana", "ben", "cho"), monday, Duration.ofDays(7), List.of());

  @Test
  void firstMemberFromTheFirstHandoverUntilTheNext() {
    var on = weekly.at(monday).orElseThrow();
    assertThat(on.person()).isEqualTo("ana");
    assertThat(on.until()).isEqualTo(monday.plus(Duration.ofDays(7)));
    assertThat(weekly.at(monday.plus(Duration.ofDays(7)).minusMillis(1)).orElseThrow().person()).isEqualTo("ana");
  }

  @Test
  void handoverPassesToTheNextMemberAndWrapsAround() {
    assertThat(weekly.at(monday.plus(Duration.ofDays(7))).orElseThrow().person()).isEqualTo("ben");
    assertThat(weekly.at(monday.plus(Duration.ofDays(14))).orElseThrow().person()).isEqualTo("cho");
    assertThat(weekly.at(monday.plus(Duration.ofDays(21))).orElseThrow().person()).isEqualTo("ana");
    assertThat(weekly.at(monday.minusSeconds(1)).orElseThrow().person()).as("before the first handover").isEqualTo("cho");
  }

  @Test
  void overrideWinsOnlyWhileItLasts() {
    Instant from = monday.plus(Duration.ofDays(2));
    Instant until = monday.plus(Duration.ofDays(3));
    OnCallRotation withOverride = new OnCallRotation(weekly.members(), monday, Duration.ofDays(7),
        List.of(new OnCallRotation.Override("dan", from, until)));
    assertThat(withOverride.at(from.minusMillis(1)).orElseThrow().person()).isEqualTo("ana");
    var covered = withOverride.at(from).orElseThrow();
    assertThat(covered.person()).isEqualTo("dan");
    assertThat(covered.override()).isTrue();
    assertThat(covered.until()).isEqualTo(until);
    assertThat(withOverride.at(until).orElseThrow().person()).isEqualTo("ana");
  }

  @Test
  void nextPersonForAnUnacknowledgedPage() {
    assertThat(weekly.after("ana")).contains("ben");
    assertThat(weekly.after("cho")).contains("ana");
    assertThat(new OnCallRotation(List.of("solo"), monday, Duration.ofDays(7), List.of()).after("solo")).isEmpty();
  }

  @Test
  void emptyTeamHasNobody() {
    assertThat(new OnCallRotation(List.of(), monday, Duration.ofDays(7), List.of()).at(monday)).isEmpty();
  }
}
