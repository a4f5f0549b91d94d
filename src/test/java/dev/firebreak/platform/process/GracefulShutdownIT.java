package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import dev.firebreak.FirebreakApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A graceful stop lets a running job finish: closing the application while a job runs stops job
 * acquisition, waits for the job, and only then closes the engine and the connection pool, so the
 * job's last query and its commit succeed (it does not stay locked for the lock time). And the
 * lock time itself is one minute, so a node that dies hands its jobs on within about a minute.
 */
class GracefulShutdownIT {

  static final CountDownLatch STARTED = new CountDownLatch(1);
  static final AtomicReference<String> OUTCOME = new AtomicReference<>("not finished");
  static final AtomicBoolean COMMITTED = new AtomicBoolean();
  static final AtomicBoolean NEXT_RAN = new AtomicBoolean();
  static final Duration JOB_TAKES = Duration.ofSeconds(3);

  @Configuration(proxyBeanMethods = false)
  static class SlowJob {
    /** A job that takes a while, then still needs the database: its query and commit must work. */
    @Bean("slowJob")
    JavaDelegate slowJob(JdbcClient jdbc) {
      return execution -> {
        STARTED.countDown();
        try {
          Thread.sleep(JOB_TAKES.toMillis());
          long incidents = jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single();
          execution.setVariable("seenIncidents", incidents);
          TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              COMMITTED.set(true);
            }
          });
          OUTCOME.set("finished");
        } catch (Exception e) {
          OUTCOME.set("failed: " + e);
          throw e;
        }
      };
    }

    /** The step after it: its job is created when the slow one commits, while the node is stopping. */
    @Bean("nextJob")
    JavaDelegate nextJob() {
      return execution -> NEXT_RAN.set(true);
    }
  }

  /** The application with the job executor on, started and closed by the test itself. */
  static ConfigurableApplicationContext start() {
    // arguments, not default properties: they must win over the tests' config/application.yml (job executor off)
    return new SpringApplicationBuilder(FirebreakApplication.class, SlowJob.class).run(
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.job-execution.wait-time-in-millis=100",
        "--camunda.bpm.job-execution.max-wait=500");
  }

  @Test
  void aRunningJobFinishesAndCommitsBeforeTheConnectionPoolClosesAndTheLockIsOneMinute() throws Exception {
    ConfigurableApplicationContext context = start();
    try {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      HikariDataSource dataSource = context.getBean(HikariDataSource.class);
      String url = dataSource.getJdbcUrl(); // an in-memory H2 that outlives the pool (DB_CLOSE_DELAY=-1)
      assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor()
          .getLockTimeInMillis()).as("lock time").isEqualTo(60_000);

      BpmnModelInstance model = Bpmn.createExecutableProcess("slow-job").camundaHistoryTimeToLive(1)
          .startEvent().serviceTask("Slow").camundaAsyncBefore().camundaDelegateExpression("${slowJob}")
          .serviceTask("Next").camundaAsyncBefore().camundaDelegateExpression("${nextJob}")
          .endEvent().done();
      engine.getRepositoryService().createDeployment().addModelInstance("slow-job.bpmn", model).deploy();
      engine.getRuntimeService().startProcessInstanceByKey("slow-job");
      assertThat(STARTED.await(30, TimeUnit.SECONDS)).as("the job executor picked the job up").isTrue();

      long closing = System.nanoTime();
      context.close();
      Duration took = Duration.ofNanos(System.nanoTime() - closing);

      assertThat(OUTCOME.get()).isEqualTo("finished");
      assertThat(COMMITTED.get()).as("the job's transaction committed").isTrue();
      assertThat(dataSource.isClosed()).as("and then the pool closed").isTrue();
      assertThat(took).as("close waited for the job").isGreaterThan(JOB_TAKES.dividedBy(2));

      // the job its commit created was not taken any more (acquisition stopped first): it is not
      // locked by the stopped node, so another node runs it at once instead of after the lock time
      assertThat(NEXT_RAN.get()).isFalse();
      try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, "sa", "");
          java.sql.ResultSet jobs = connection.createStatement().executeQuery(
              "SELECT LOCK_OWNER_, LOCK_EXP_TIME_, RETRIES_ FROM ACT_RU_JOB WHERE PROCESS_DEF_KEY_ = 'slow-job'")) {
        assertThat(jobs.next()).as("the next step's job").isTrue();
        assertThat(jobs.getString("LOCK_OWNER_")).as("locked by nobody").isNull();
        assertThat(jobs.getInt("RETRIES_")).isEqualTo(3);
        assertThat(jobs.next()).isFalse();
      }
    } finally {
      context.close();
    }
  }
}
