package dev.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.statuspage.Maintenances.Maintenance;
import dev.firebreak.statuspage.Maintenances.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Maintenance status follows the clock; maintenance never makes a status worse than a real incident. */
class MaintenanceStatusTest {

  static final Instant FROM = Instant.parse("2026-12-01T17:00:00Z");
  static final Instant UNTIL = FROM.plus(Duration.ofHours(2));

  static Maintenance maintenance(Instant cancelledAt) {
    return new Maintenance(1, "DB upgrade", List.of("payments"), FROM, UNTIL, cancelledAt, "comms", FROM.minusSeconds(86400),
        List.of(new StatusPage.Update("scheduled", "We upgrade the database.", FROM.minusSeconds(86400))));
  }

  @Test
  void statusFollowsTheWindow() {
    Maintenance m = maintenance(null);
    assertThat(m.status(FROM.minusSeconds(1))).isEqualTo(Status.SCHEDULED);
    assertThat(m.status(FROM)).isEqualTo(Status.IN_PROGRESS);
    assertThat(m.status(UNTIL.minusSeconds(1))).isEqualTo(Status.IN_PROGRESS);
    assertThat(m.status(UNTIL)).isEqualTo(Status.COMPLETED);
    assertThat(m.endsAt()).isEqualTo(UNTIL);
    assertThat(m.publicId()).isEqualTo("mnt-1");
    assertThat(m.description()).isEqualTo("We upgrade the database.");
  }

  @Test
  void cancelledBeforeTheStartNeverHappens() {
    Maintenance m = maintenance(FROM.minusSeconds(60));
    for (Instant at : List.of(FROM.minusSeconds(30), FROM, UNTIL.plusSeconds(60))) {
      assertThat(m.status(at)).isEqualTo(Status.CANCELLED);
    }
  }

  @Test
  void cancelledWhileInProgressEndsThen() {
    Instant stop = FROM.plus(Duration.ofMinutes(30));
    Maintenance m = maintenance(stop);
    assertThat(m.status(stop.minusSeconds(1))).isEqualTo(Status.IN_PROGRESS);
    assertThat(m.status(stop)).isEqualTo(Status.COMPLETED);
    assertThat(m.endsAt()).isEqualTo(stop);
  }

  @Test
  void maintenanceShowsOnlyOnOtherwiseOperationalComponents() {
    assertThat(ComponentStatus.withMaintenance(ComponentStatus.OPERATIONAL, true))
        .isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
    assertThat(ComponentStatus.withMaintenance(ComponentStatus.OPERATIONAL, false))
        .isEqualTo(ComponentStatus.OPERATIONAL);
    for (ComponentStatus real : List.of(ComponentStatus.DEGRADED_PERFORMANCE, ComponentStatus.PARTIAL_OUTAGE,
        ComponentStatus.MAJOR_OUTAGE)) {
      assertThat(ComponentStatus.withMaintenance(real, true)).as("a real incident wins").isEqualTo(real);
    }
  }

  @Test
  void overallIsNeverWorseThanTheWorstRealStatus() {
    assertThat(overall(ComponentStatus.OPERATIONAL, ComponentStatus.UNDER_MAINTENANCE))
        .isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
    assertThat(overall(ComponentStatus.UNDER_MAINTENANCE, ComponentStatus.DEGRADED_PERFORMANCE))
        .isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
    assertThat(overall(ComponentStatus.OPERATIONAL, ComponentStatus.OPERATIONAL)).isEqualTo(ComponentStatus.OPERATIONAL);
  }

  private static ComponentStatus overall(ComponentStatus... statuses) {
    return Stream.of(statuses).reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worst);
  }

  @Test
  void outboxBacksOffExponentiallyUpToTheMaximum() {
    StatusPageProperties properties = new StatusPageProperties();
    properties.getDelivery().setRetryInitial(Duration.ofSeconds(10));
    properties.getDelivery().setRetryMax(Duration.ofMinutes(1));
    SubscriberOutbox outbox = new SubscriberOutbox(null, null, null, null, properties, null);
    assertThat(outbox.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(outbox.backoff(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(outbox.backoff(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(outbox.backoff(4)).isEqualTo(Duration.ofMinutes(1));
    assertThat(outbox.backoff(30)).isEqualTo(Duration.ofMinutes(1));
  }
}
