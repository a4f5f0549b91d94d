package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda's own job acquisition, through the engine's command chain, keeps to the job budget: while
 * incidents start and the budget's batch is on the job threads it locks nothing (the due job stays
 * free for any node), and once the batch is done it acquires as before.
 */
class JobAcquisitionHoldTest extends ProcessTestSupport {

  @Autowired
  private JobBudget budget;

  private Deployment deployment;

  @AfterEach
  void removeTheProbe() {
    if (deployment != null) {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void whileTheBudgetIsOnTheThreadsTheAcquisitionLocksNoJobAndAfterwardsItDoes() throws Exception {
    deployment = engine.getRepositoryService().createDeployment().name("acquisition-hold-probe")
        .addModelInstance("acquisition-hold-probe.bpmn", Bpmn.createExecutableProcess("acquisitionHoldProbe")
            .camundaHistoryTimeToLive(1).startEvent().serviceTask("Later").camundaAsyncBefore()
            .camundaExpression("${true}").endEvent().done())
        .deploy();
    String instance = engine.getRuntimeService().startProcessInstanceByKey("acquisitionHoldProbe").getId();
    ExecutorService threads = Executors.newSingleThreadExecutor();
    HeldBatch batch = null;
    try (JobBudget.Urgent starting = budget.urgent()) {
      batch = new HeldBatch(budget, threads);

      AcquiredJobs held = acquire();
      assertThat(held.size()).as("acquired while the budget is on the threads").isZero();
      assertThat(jobOf(instance).getLockOwner()).as("the due job stays free for any node").isNull();

      batch.finish();
      List<String> acquired = acquire().getJobIdBatches().stream().flatMap(List::stream).toList();
      assertThat(acquired).as("the budget free again").contains(jobOf(instance).getId());
      assertThat(jobOf(instance).getLockOwner()).isNotNull();
    } finally {
      if (batch != null) {
        batch.release();
      }
      threads.shutdownNow();
    }
  }

  private AcquiredJobs acquire() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    JobExecutor jobs = configuration.getJobExecutor();
    return configuration.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(jobs, 50));
  }

  private org.camunda.bpm.engine.impl.persistence.entity.JobEntity jobOf(String instance) {
    Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
    return (org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job;
  }
}
