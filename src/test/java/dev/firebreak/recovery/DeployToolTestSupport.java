package dev.firebreak.recovery;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the tests of the real deploy-tool adapters share: a WireMock server standing in for the tool
 * (one per test class, started by {@link #fakeTool()}), no earlier deployment at the start of each test
 * (an earlier failed revision would not be chosen again), and the way to an incident's recovery.
 */
@AutoConfigureMockMvc
public abstract class DeployToolTestSupport extends ProcessTestSupport {

  protected static final List<String> RESPONDERS = List.of("responders");
  protected static final List<String> MANAGERS = List.of("incident-managers", "responders");

  @Autowired
  protected MockMvc mvc;
  @Autowired
  protected Deployments deployments;
  @Autowired
  protected Incidents incidents;
  @Autowired
  protected JdbcClient jdbc;

  /** A started WireMock server on a free port; the test class stops it after its tests. */
  protected static WireMockServer fakeTool() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return server;
  }

  /** The fake tool of the test class, reset before each test. */
  protected abstract WireMockServer tool();

  @BeforeEach
  void resetToolAndDeployments() {
    tool().resetAll();
    jdbc.sql("DELETE FROM deployment").update();
  }

  /** An incident of {@code service} opened by a responder and acknowledged at triage: at Diagnose and choose recovery. */
  protected ProcessInstance acknowledged(String title, String service) {
    engine.getIdentityService().setAuthentication("responder", RESPONDERS);
    ProcessInstance instance;
    try {
      instance = engine.getRuntimeService().startProcessInstanceByKey("incident", vars(
          "title", title, "service", service, "incidentType", "outage", "impactScope", "part-of-users"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(instance);
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", false));
    return instance;
  }

  protected String key(ProcessInstance instance) {
    return (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");
  }

  /** Completes a task as {@code user} without running the jobs that follow. */
  protected void completeOnly(ProcessInstance instance, String taskKey, String user, List<String> groups,
      java.util.Map<String, Object> variables) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      engine.getTaskService().complete(task(instance, taskKey).getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** The job before {@code activityId} in the incident's process tree. */
  protected Job jobAt(ProcessInstance instance, String activityId) {
    return engine.getManagementService().createJobQuery().activityId(activityId).list().stream()
        .filter(job -> tree(instance).contains(job.getProcessInstanceId())).findFirst().orElseThrow();
  }
}
