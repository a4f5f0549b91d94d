package dev.firebreak.platform.process;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The job executor's share of the cores while incidents are being started. Work that must not wait
 * behind jobs (the alert processor starting new incidents) holds {@link #urgent()}; meanwhile at most
 * {@code firebreak.jobs.threads-while-urgent} (1; 0: none) jobs run at once, and every other job
 * waits, at most {@code firebreak.jobs.urgent-wait} (20 s, well within the job lock time), before it
 * runs anyway. Without urgent work the job executor runs as configured. So an alert storm's new incidents
 * are all started (recorded, severity decided, first notification jobs queued) before their
 * notification jobs take the cores, and those jobs still go on, one at a time, meanwhile.
 */
@Component
public class JobBudget implements BeanPostProcessor {

  private final AtomicInteger urgent = new AtomicInteger();
  private final Semaphore whileUrgent;
  private final long waitNanos;

  JobBudget(@Value("${firebreak.jobs.threads-while-urgent:1}") int threadsWhileUrgent,
      @Value("${firebreak.jobs.urgent-wait:PT20S}") Duration wait) {
    this.whileUrgent = new Semaphore(Math.max(0, threadsWhileUrgent));
    this.waitNanos = Math.max(0, wait.toNanos());
  }

  /** Urgent work begins; close the returned handle when it ends. */
  public Urgent urgent() {
    urgent.incrementAndGet();
    return new Urgent();
  }

  /** Whether urgent work runs now. */
  public boolean isUrgent() {
    return urgent.get() > 0;
  }

  /** A piece of urgent work; ends once. */
  public final class Urgent implements AutoCloseable {
    private boolean closed;

    private Urgent() {
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        urgent.decrementAndGet();
      }
    }
  }

  /** Each batch of jobs the job executor hands its pool runs within the budget. */
  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (JobExecutorShutdown.TASK_EXECUTOR.equals(beanName) && bean instanceof ThreadPoolTaskExecutor pool) {
      pool.setTaskDecorator(this::withinBudget);
    }
    return bean;
  }

  Runnable withinBudget(Runnable jobs) {
    return () -> {
      boolean permit = awaitTurn();
      try {
        jobs.run();
      } finally {
        if (permit) {
          whileUrgent.release();
        }
      }
    };
  }

  /** Waits while urgent work runs and the budget is taken; true when it took a permit of the budget. */
  private boolean awaitTurn() {
    long deadline = System.nanoTime() + waitNanos;
    while (isUrgent()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        if (whileUrgent.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS)) {
          return true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
