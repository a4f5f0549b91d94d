package dev.firebreak.platform.process;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * A graceful stop of the job executor, first thing when the application stops (the highest
 * lifecycle phase, and before the job executor's thread pool, which depends on it): job acquisition
 * stops, so this node locks no more jobs, then the jobs already running (and those already acquired)
 * finish, up to {@code firebreak.jobs.shutdown-wait}. Only then do the engine and the connection pool
 * close (bean destruction comes after every lifecycle stop), so no job loses its connection half-way
 * and stays locked for the lock time. Camunda's own shutdown does not wait: its Spring job executor
 * only stops the acquisition thread, and the pool would interrupt running jobs.
 */
@Component
class JobExecutorShutdown implements SmartLifecycle, BeanFactoryAware {

  static final String TASK_EXECUTOR = "camundaTaskExecutor";
  private static final Logger log = LoggerFactory.getLogger(JobExecutorShutdown.class);

  private final ObjectProvider<JobExecutor> jobExecutor;
  private final ObjectProvider<TaskExecutor> taskExecutor;
  private final Duration wait;
  private volatile boolean running;

  JobExecutorShutdown(ObjectProvider<JobExecutor> jobExecutor,
      @Qualifier(TASK_EXECUTOR) ObjectProvider<TaskExecutor> taskExecutor,
      @Value("${firebreak.jobs.shutdown-wait:PT30S}") Duration wait) {
    this.jobExecutor = jobExecutor;
    this.taskExecutor = taskExecutor;
    this.wait = wait;
  }

  /** Stopped before the job executor's pool: that pool would otherwise pause or interrupt running jobs first. */
  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    if (beanFactory instanceof ConfigurableBeanFactory factory && factory.containsBean(TASK_EXECUTOR)) {
      factory.registerDependentBean(TASK_EXECUTOR, "jobExecutorShutdown");
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    JobExecutor jobs = jobExecutor.getIfAvailable();
    if (jobs == null || !jobs.isActive()) {
      return;
    }
    jobs.shutdown();
    if (!(taskExecutor.getIfAvailable() instanceof ThreadPoolTaskExecutor pool)) {
      return;
    }
    ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
    long deadline = System.nanoTime() + wait.toNanos();
    while ((threads.getActiveCount() > 0 || !threads.getQueue().isEmpty()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (threads.getActiveCount() > 0 || !threads.getQueue().isEmpty()) {
      log.warn("Stopping with {} job(s) still running and {} acquired after {}: their locks expire and another "
          + "node runs them", threads.getActiveCount(), threads.getQueue().size(), wait);
    } else {
      log.info("Job executor stopped: no job was running any more");
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
