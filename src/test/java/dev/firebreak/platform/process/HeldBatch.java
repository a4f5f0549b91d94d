package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A batch of jobs within the budget that runs (it is running once constructed) until finished. */
final class HeldBatch {
  private final CountDownLatch release = new CountDownLatch(1);
  private final Future<?> done;

  HeldBatch(JobBudget budget, ExecutorService pool) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    done = pool.submit(budget.withinBudget(() -> {
      running.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(running.await(5, TimeUnit.SECONDS)).as("the batch runs").isTrue();
  }

  /** Lets the batch end without waiting for it (a test's clean-up). */
  void release() {
    release.countDown();
  }

  /** Lets the batch end and waits until it has. */
  void finish() throws Exception {
    release();
    done.get(5, TimeUnit.SECONDS);
  }
}
