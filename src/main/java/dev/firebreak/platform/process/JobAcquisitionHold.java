package dev.firebreak.platform.process;

import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.stereotype.Component;

/**
 * The job acquisition keeps to the {@link JobBudget}: while the budget is full it locks no jobs and
 * answers as if none were due, before any transaction is opened. Camunda's acquisition then waits
 * for the next new job or for the budget to free, which wakes it ({@code jobWasAdded}). Without it
 * the acquisition locked batch after batch that could only wait on this node's threads: locked,
 * where no other node could run them, and run all at once when their wait ran out.
 */
@Component
class JobAcquisitionHold extends AbstractProcessEnginePlugin {

  private final JobBudget budget;

  JobAcquisitionHold(JobBudget budget) {
    this.budget = budget;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Hold(budget, configuration));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (jobs != null) {
      budget.wakeAcquisitionWith(jobs::jobWasAdded);
    }
  }

  /** Answers an acquisition with no jobs while the budget holds it. */
  static final class Hold extends CommandInterceptor {
    private final JobBudget budget;
    private final ProcessEngineConfigurationImpl configuration;

    Hold(JobBudget budget, ProcessEngineConfigurationImpl configuration) {
      this.budget = budget;
      this.configuration = configuration;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T execute(Command<T> command) {
      if (command instanceof AcquireJobsCmd && budget.holdsAcquisition()) {
        // attempted but none acquired: Camunda's acquisition counts this as idle and waits
        JobExecutor jobs = configuration.getJobExecutor();
        return (T) new AcquiredJobs(jobs == null ? 1 : Math.max(1, jobs.getMaxJobsPerAcquisition()));
      }
      return next.execute(command);
    }
  }
}
