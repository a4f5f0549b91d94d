package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * While new incidents are being started, the job executor runs one batch of jobs at a time and the
 * others after the starts; jobs never wait longer than the bound, and without starts they run as
 * they come.
 */
class JobBudgetTest {

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();

  private Runnable job() {
    return () -> {
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      sleep(100);
      running.decrementAndGet();
      done.incrementAndGet();
    };
  }

  @Test
  void whileIncidentsStartJobsRunOneAtATimeAndTheRestAfterTheStarts() throws Exception {
    JobBudget budget = new JobBudget(1, Duration.ofSeconds(20));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    JobBudget.Urgent starting = budget.urgent();
    List<Future<?>> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      jobs.add(pool.submit(budget.withinBudget(job())));
    }
    sleep(700);
    assertThat(mostAtOnce).as("jobs at once while incidents start").hasValue(1);
    assertThat(done.get()).as("jobs done meanwhile, one after the other").isGreaterThanOrEqualTo(1);
    starting.close();
    starting.close(); // ends once
    for (Future<?> job : jobs) {
      job.get(5, TimeUnit.SECONDS);
    }
    assertThat(done).hasValue(4);
    assertThat(budget.isUrgent()).isFalse();

    mostAtOnce.set(0);
    CountDownLatch all = new CountDownLatch(4);
    for (int i = 0; i < 4; i++) {
      pool.submit(budget.withinBudget(() -> {
        job().run();
        all.countDown();
      }));
    }
    assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(mostAtOnce.get()).as("jobs at once without starts").isGreaterThan(1);
    pool.shutdownNow();
  }

  @Test
  void withNoThreadsWhileIncidentsStartEveryJobWaitsForTheStarts() throws Exception {
    JobBudget budget = new JobBudget(0, Duration.ofSeconds(20));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    JobBudget.Urgent starting = budget.urgent();
    Future<?> first = pool.submit(budget.withinBudget(job()));
    Future<?> second = pool.submit(budget.withinBudget(job()));
    sleep(500);
    assertThat(done).as("no job while incidents start").hasValue(0);
    starting.close();
    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);
    assertThat(done).as("all of them after the starts").hasValue(2);
    pool.shutdownNow();
  }

  @Test
  void aJobWaitsForTheStartsAtMostTheBound() throws Exception {
    JobBudget budget = new JobBudget(1, Duration.ofMillis(300));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (JobBudget.Urgent starting = budget.urgent()) {
      HeldBatch holding = new HeldBatch(budget, pool);
      long t0 = System.nanoTime();
      pool.submit(budget.withinBudget(() -> { })).get(5, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
      holding.finish();
    }
    pool.shutdownNow();
  }

  @Test
  void whileIncidentsStartTheAcquisitionTakesNoJobsOnceTheBudgetIsOnTheThreadsAndIsWokenWhenItFrees()
      throws Exception {
    JobBudget budget = new JobBudget(1, Duration.ofSeconds(20));
    AtomicInteger wakes = new AtomicInteger();
    budget.wakeAcquisitionWith(wakes::incrementAndGet);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    assertThat(budget.holdsAcquisition()).as("no starts: the acquisition runs as configured").isFalse();
    JobBudget.Urgent starting = budget.urgent();
    assertThat(budget.holdsAcquisition()).as("starts, but no job on the threads").isFalse();

    HeldBatch batch = new HeldBatch(budget, pool);
    assertThat(budget.holdsAcquisition()).as("the one batch of the budget runs").isTrue();
    batch.finish();
    assertThat(budget.holdsAcquisition()).as("the batch is done").isFalse();
    assertThat(wakes).as("the acquisition woken when the batch ended").hasValue(1);

    starting.close();
    assertThat(wakes).as("and when the starts ended").hasValue(2);
    pool.shutdownNow();
  }

  @Test
  void withNoThreadsTheAcquisitionIsHeldForTheBoundThenTakesOneBatchAtATime() throws Exception {
    JobBudget budget = new JobBudget(0, Duration.ofMillis(300));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (JobBudget.Urgent starting = budget.urgent()) {
      assertThat(budget.holdsAcquisition()).as("within the bound: no jobs at all").isTrue();
      sleep(400);
      assertThat(budget.holdsAcquisition()).as("past the bound, nothing on the threads").isFalse();
      long t0 = System.nanoTime();
      HeldBatch batch = new HeldBatch(budget, pool);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("a batch past the bound runs at once")
          .isLessThan(Duration.ofMillis(250));
      assertThat(budget.holdsAcquisition()).as("one batch at a time").isTrue();
      batch.finish();
    }
    pool.shutdownNow();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
