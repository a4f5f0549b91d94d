package dev.firebreak.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import dev.firebreak.tracking.IssueTracker;
import dev.firebreak.tracking.TrackedIssue;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** An outside system that stays down: the job retries, then Cockpit and the timeline both show it. */
class FailedJobTimelineTest extends ProcessTestSupport {

  /** A tracker that is down (stands in for Jira answering 503). */
  @TestConfiguration
  static class TrackerDown {
    @Bean
    @Primary
    IssueTracker unreachableTracker() {
      return new IssueTracker() {
        @Override
        public TrackedIssue createIncidentIssue(String incidentKey, String summary, String description) {
          throw new IllegalStateException("Jira answered 503 Service Unavailable");
        }

        @Override
        public TrackedIssue createActionItem(String incidentKey, String incidentIssueKey, int index, String title,
            String owner, String dueDate) {
          throw new IllegalStateException("Jira answered 503 Service Unavailable");
        }

        @Override
        public void comment(String incidentKey, String issueKey, String text) {
          throw new IllegalStateException("Jira answered 503 Service Unavailable");
        }

        @Override
        public TransitionOutcome transition(String incidentKey, String issueKey, dev.firebreak.tracking.TrackingStage stage) {
          throw new IllegalStateException("Jira answered 503 Service Unavailable");
        }
      };
    }
  }

  @Autowired
  Incidents incidents;

  @Test
  void retriesRunOutIntoACockpitIncidentAndATimelineEntry() {
    engine.getIdentityService().setAuthentication("responder", List.of("responders"));
    ProcessInstance instance;
    try {
      instance = engine.getRuntimeService().startProcessInstanceByKey("incident", vars("title", "Search down",
          "service", "search", "incidentType", "outage", "impactScope", "part-of-users"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(instance);
    engine.getTaskService().complete(task(instance, "TriageIncident").getId(), vars("triageOutcome", "acknowledge",
        "complexity", "low", "overrideSeverity", false));
    String key = (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");

    for (int attempt = 0; attempt < 10; attempt++) {
      Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .activityId("OpenTrackingIssue").singleResult();
      if (job == null || job.getRetries() == 0) {
        break;
      }
      moveClock(2);
      try {
        engine.getManagementService().executeJob(job.getId());
      } catch (RuntimeException expected) {
        // the tracker is down
      }
    }

    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
        .activityId("OpenTrackingIssue").count()).as("Cockpit incident").isOne();
    assertThat(incidents.timeline(key)).anyMatch(e -> e.kind().equals("failure")
        && e.summary().startsWith("'OpenTrackingIssue' failed after all retries: Jira answered 503"));
  }
}
