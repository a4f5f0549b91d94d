package dev.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.notify.MailOutbox;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Process path tests: the real application (delegates, recording adapters, H2 in memory) with the
 * job executor off, so each test runs jobs and moves the engine clock itself.
 */
@SpringBootTest
public abstract class ProcessTestSupport {

  @Autowired
  protected ProcessEngine engine;
  /** E-mails are sent after commit by the outbox's own thread; tests send them at once, in order. */
  @Autowired
  protected MailOutbox mailOutbox;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(engine);
    ClockUtil.reset();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
  }

  protected static Map<String, Object> vars(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** Runs every job that is due now in the process tree under root, until none is left. */
  protected void runDueJobs(ProcessInstance root) {
    for (int round = 0; round < 200; round++) {
      List<String> tree = tree(root);
      List<Job> due = engine.getManagementService().createJobQuery().executable().list().stream()
          .filter(job -> tree.contains(job.getProcessInstanceId()))
          .toList();
      mailOutbox.dispatchDue();
      if (due.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(due.get(0).getId());
    }
    throw new AssertionError("Jobs keep coming: a loop in the process?");
  }

  /**
   * Runs every job of the process tree that is due at the current engine time, like the job
   * executor would: a failing job is not rethrown, Camunda records the failure and schedules the
   * retry by the task's retry cycle. Returns the error messages of the jobs that failed.
   */
  protected List<String> runDueJobsTolerantly(ProcessInstance root) {
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < 200; round++) {
      List<String> tree = tree(root);
      List<Job> due = engine.getManagementService().createJobQuery().executable().list().stream()
          .filter(job -> tree.contains(job.getProcessInstanceId())).toList();
      if (due.isEmpty()) {
        return failures;
      }
      try {
        engine.getManagementService().executeJob(due.get(0).getId());
      } catch (RuntimeException e) {
        failures.add(e.getMessage());
      }
    }
    throw new AssertionError("Jobs keep coming: a loop in the process?");
  }

  /** Ids of root and every process instance it called, transitively (running ones). */
  protected List<String> tree(ProcessInstance root) {
    List<String> ids = new ArrayList<>();
    ids.add(root.getId());
    for (int i = 0; i < ids.size(); i++) {
      engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()
          .forEach(child -> ids.add(child.getId()));
    }
    return ids;
  }

  /** The one open task with this definition key in the process tree under root. */
  protected Task task(ProcessInstance root, String taskDefinitionKey) {
    List<Task> tasks = tasks(root, taskDefinitionKey);
    assertThat(tasks).as("open '%s' tasks", taskDefinitionKey).hasSize(1);
    return tasks.get(0);
  }

  protected List<Task> tasks(ProcessInstance root, String taskDefinitionKey) {
    List<String> tree = tree(root);
    return engine.getTaskService().createTaskQuery().taskDefinitionKey(taskDefinitionKey).list().stream()
        .filter(task -> tree.contains(task.getProcessInstanceId())).toList();
  }

  protected boolean hasTask(ProcessInstance root, String taskDefinitionKey) {
    return !tasks(root, taskDefinitionKey).isEmpty();
  }

  /** Completes the task as the given user (authenticated with their groups), then runs due jobs. */
  protected void complete(ProcessInstance root, String taskDefinitionKey, String user, List<String> groups,
      Map<String, Object> variables) {
    Task task = task(root, taskDefinitionKey);
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(root);
  }

  /** Completes one given task (e.g. one instance of a multi-instance) as the user. */
  protected void complete(ProcessInstance root, Task task, String user, List<String> groups,
      Map<String, Object> variables) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(root);
  }

  /** Starts the incident process as the user (what the declare form does) and runs due jobs. */
  protected ProcessInstance declareIncident(String user, List<String> groups, Map<String, Object> variables) {
    ProcessInstance instance = startIncident(user, groups, variables);
    runDueJobs(instance);
    return instance;
  }

  /** Starts the incident process as the user; its jobs wait for the test. */
  protected ProcessInstance startIncident(String user, List<String> groups, Map<String, Object> variables) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      return engine.getRuntimeService().startProcessInstanceByKey("incident", variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** The incident key (business key) of a running incident process instance. */
  protected String incidentKey(ProcessInstance instance) {
    return (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");
  }

  protected void moveClock(long minutes) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + minutes * 60_000));
  }
}
