package dev.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.firebreak.incident.Incidents;
import dev.firebreak.notify.NoticeTemplates;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.resilience.DatabaseAvailability;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The public page while the database has just gone away and the probe does not know yet (reads hang
 * in the connection pool): the first answer waits the live-read bound and shows the last good
 * rendering; every answer after it shows that rendering at once, with no read queued behind the one
 * still waiting; once that read comes back, answers are live again.
 */
class StatusPageOutageTest {

  private final CountDownLatch databaseBack = new CountDownLatch(1);

  @AfterEach
  void release() {
    databaseBack.countDown();
  }

  @Test
  void onlyTheFirstAnswerAfterTheDatabaseHangsWaitsTheOthersAnswerAtOnce() throws Exception {
    Incidents incidents = mock(Incidents.class);
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch hanging = new CountDownLatch(1);
    when(incidents.list(any())).thenAnswer(call -> {
      if (reads.incrementAndGet() == 2) {
        hanging.countDown();
        databaseBack.await(30, TimeUnit.SECONDS); // the pool waits for a connection
      }
      return List.of();
    });
    ServiceCatalog catalog = mock(ServiceCatalog.class);
    when(catalog.names()).thenReturn(Set.of());
    Maintenances maintenances = mock(Maintenances.class);
    when(maintenances.endingAfter(any())).thenReturn(List.of());
    EngineClock clock = mock(EngineClock.class);
    when(clock.now()).thenAnswer(call -> Instant.now());
    DatabaseAvailability database = mock(DatabaseAvailability.class);
    when(database.isUp()).thenReturn(true); // the probe has not noticed yet
    StatusPage page = new StatusPage(mock(JdbcClient.class), incidents, catalog, new FirebreakProperties(),
        mock(Subscribers.class), maintenances, clock, mock(NoticeTemplates.class), database, mock(WebPush.class));

    page.readFirst();
    assertThat(reads).as("read once when the application is ready").hasValue(1);

    long t0 = System.nanoTime();
    StatusPage.Shown first = page.shown();
    Duration firstTook = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(hanging.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(first.stale()).isTrue();
    assertThat(firstTook).isBetween(StatusPage.LIVE_READ.minusMillis(100), StatusPage.LIVE_READ.plusSeconds(2));

    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      StatusPage.Shown again = page.shown();
      assertThat(again.stale()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t)).as("answer %d while the read hangs", i)
          .isLessThan(Duration.ofMillis(200));
    }
    assertThat(reads).as("no read queued behind the hanging one").hasValue(2);

    databaseBack.countDown();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    StatusPage.Shown live = page.shown();
    while (live.stale() && System.nanoTime() < end) {
      Thread.sleep(20);
      live = page.shown();
    }
    assertThat(live.stale()).as("live again once the read came back").isFalse();
  }
}
