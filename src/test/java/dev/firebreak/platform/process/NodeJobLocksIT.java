package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A node that comes back after a kill -9 runs the jobs it had locked at once, instead of after the
 * lock time: its job executor locks under the node's name, and the locks held under that name are
 * released before it acquires again; another node's locks are left alone.
 */
@SpringBootTest(properties = {"firebreak.node.name=node-a", "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100", "camunda.bpm.job-execution.max-wait=200"})
@DirtiesContext
class NodeJobLocksIT {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JobExecutor jobExecutor;
  @Autowired
  AbstractProcessEnginePlugin releaseThisNodesJobLocks;
  @Autowired
  JdbcClient jdbc;

  @Test
  void theJobsThisNodeHadLockedBeforeItDiedAreFreeAgainWhenItStarts() {
    assertThat(jobExecutor.getLockOwner()).isEqualTo("node-a");
    engine.getRepositoryService().createDeployment().addModelInstance("locks.bpmn", Bpmn.createExecutableProcess("locks")
        .camundaHistoryTimeToLive(1).startEvent().intermediateCatchEvent().timerWithDuration("PT1H").endEvent().done())
        .deploy();
    String mine = jobOf(engine.getRuntimeService().startProcessInstanceByKey("locks").getId());
    String theirs = jobOf(engine.getRuntimeService().startProcessInstanceByKey("locks").getId());
    // both due now and locked for another minute, as a dead node leaves the jobs it was running
    Timestamp inAMinute = Timestamp.from(Instant.now().plusSeconds(60));
    lockAndMakeDue(mine, "node-a", inAMinute);
    lockAndMakeDue(theirs, "node-b", inAMinute);
    pause(1500);
    assertThat(jobExists(mine)).as("a locked job waits").isTrue();

    releaseThisNodesJobLocks.postProcessEngineBuild(engine);

    Instant deadline = Instant.now().plusSeconds(20);
    while (jobExists(mine) && Instant.now().isBefore(deadline)) {
      pause(100);
    }
    assertThat(jobExists(mine)).as("this node's job ran at once").isFalse();
    assertThat(jobExists(theirs)).as("another node's job waits for its lock").isTrue();
    assertThat(ownerOf(theirs)).isEqualTo("node-b");
  }

  @Test
  void theNameIsHostAndPortUnlessConfiguredAndNoneWithoutAFixedPort() {
    assertThat(NodeJobLocks.nodeName(new MockEnvironment().withProperty("firebreak.node.name", "pod-7")))
        .isEqualTo("pod-7");
    assertThat(NodeJobLocks.nodeName(new MockEnvironment().withProperty("server.port", "8081"))).endsWith(":8081");
    assertThat(NodeJobLocks.nodeName(new MockEnvironment().withProperty("server.port", "0"))).isNull();
  }

  private String jobOf(String processInstanceId) {
    Job job = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).singleResult();
    return job.getId();
  }

  private void lockAndMakeDue(String jobId, String owner, Timestamp until) {
    jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ?, DUEDATE_ = ? WHERE ID_ = ?")
        .params(owner, until, Timestamp.from(Instant.now().minusSeconds(1)), jobId).update();
  }

  private boolean jobExists(String jobId) {
    return engine.getManagementService().createJobQuery().jobId(jobId).count() > 0;
  }

  private String ownerOf(String jobId) {
    return jdbc.sql("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?").param(jobId).query(String.class).single();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
