package dev.firebreak.platform.process;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The job executor's share of the cores while incidents are being started. Work that must not wait
 * behind jobs (the alert processor starting new incidents) holds {@link #urgent()}; meanwhile at most
 * {@code firebreak.jobs.threads-while-urgent} (1; 0: none) batches of jobs run at once. The job
 * acquisition takes no new jobs while that many are on the job threads ({@link #holdsAcquisition()},
 * {@link JobAcquisitionHold}), so the other jobs stay unlocked in the database, where another node may
 * take them, instead of waiting locked on this node's threads. A batch that was acquired all the same
 * waits at most {@code firebreak.jobs.urgent-wait} (20 s, well within the job lock time) before it runs
 * anyway; with 0 the acquisition is held for at most that long, then one batch runs at a time. Without
 * urgent work the job executor runs as configured. So an alert storm's new incidents are all started
 * (recorded, severity decided, first notification jobs queued) before their notification jobs take the
 * cores, and those jobs still go on, one at a time, meanwhile.
 */
@Component
public class JobBudget implements BeanPostProcessor {

  private final AtomicInteger urgent = new AtomicInteger();
  private final Semaphore whileUrgent;
  private final int threadsWhileUrgent;
  private final long waitNanos;
  /** Batches on the job threads: running or waiting for their turn. */
  private final AtomicInteger onThreads = new AtomicInteger();
  private volatile long urgentSince;
  private volatile ThreadPoolExecutor pool;
  /** Wakes the job acquisition (the engine's {@code jobWasAdded}) once it may take jobs again. */
  private volatile Runnable acquisition = () -> { };

  JobBudget(@Value("${firebreak.jobs.threads-while-urgent:1}") int threadsWhileUrgent,
      @Value("${firebreak.jobs.urgent-wait:PT20S}") Duration wait) {
    this.threadsWhileUrgent = Math.max(0, threadsWhileUrgent);
    this.whileUrgent = new Semaphore(this.threadsWhileUrgent);
    this.waitNanos = Math.max(0, wait.toNanos());
  }

  /** Urgent work begins; close the returned handle when it ends. */
  public Urgent urgent() {
    if (urgent.getAndIncrement() == 0) {
      urgentSince = System.nanoTime();
    }
    return new Urgent();
  }

  /**
   * Whether the job acquisition should take no jobs now: urgent work runs and the batches on the job
   * threads (and queued for them) already fill the budget (with a budget of 0, only for the first
   * {@code urgent-wait} of the urgent work; after that one batch at a time).
   */
  public boolean holdsAcquisition() {
    if (!isUrgent()) {
      return false;
    }
    int allowed = threadsWhileUrgent > 0 || System.nanoTime() - urgentSince < waitNanos ? threadsWhileUrgent : 1;
    ThreadPoolExecutor threads = pool;
    return onThreads.get() + (threads == null ? 0 : threads.getQueue().size()) >= allowed;
  }

  /** How to wake the job acquisition when the budget frees (set by {@link JobAcquisitionHold}). */
  void wakeAcquisitionWith(Runnable wake) {
    this.acquisition = wake;
  }

  private void wakeAcquisition() {
    try {
      acquisition.run();
    } catch (RuntimeException stopping) {
      // the job executor is shutting down (Camunda clears its acquisition before it is inactive)
    }
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
        if (urgent.decrementAndGet() == 0) {
          wakeAcquisition();
        }
      }
    }
  }

  /** Each batch of jobs the job executor hands its pool runs within the budget. */
  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (JobExecutorShutdown.TASK_EXECUTOR.equals(beanName) && bean instanceof ThreadPoolTaskExecutor executor) {
      executor.setTaskDecorator(this::withinBudget);
    }
    return bean;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (JobExecutorShutdown.TASK_EXECUTOR.equals(beanName) && bean instanceof ThreadPoolTaskExecutor executor) {
      pool = executor.getThreadPoolExecutor();
    }
    return bean;
  }

  Runnable withinBudget(Runnable jobs) {
    return () -> {
      onThreads.incrementAndGet();
      boolean permit = false;
      try {
        permit = awaitTurn();
        jobs.run();
      } finally {
        if (permit) {
          whileUrgent.release();
        }
        onThreads.decrementAndGet();
        if (isUrgent()) {
          wakeAcquisition();
        }
      }
    };
  }

  /** Waits while urgent work runs and the budget is taken; true when it took a permit of the budget. */
  private boolean awaitTurn() {
    long deadline = System.nanoTime() + waitNanos;
    if (threadsWhileUrgent == 0) {
      // no budget: the wait ends with the urgent work's bound, after which one batch runs at a time
      deadline = Math.min(deadline, urgentSince + waitNanos);
    }
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
