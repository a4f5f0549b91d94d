package dev.firebreak.tracking;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Used when no Jira is configured: the issue is recorded on the timeline, not created. */
@Configuration(proxyBeanMethods = false)
class RecordingIssueTrackerConfiguration {

  @Bean
  @ConditionalOnExpression("'${firebreak.jira.base-url:}'.isBlank()")
  IssueTracker recordingIssueTracker(Incidents incidents) {
    return new IssueTracker() {
      @Override
      public TrackedIssue createIncidentIssue(String incidentKey, String summary, String description) {
        incidents.note(incidentKey, null, TimelineEntry.Kind.TRACKING,
            incidents.words().get("tracking.recorded.issue", summary),
            Map.of("summary", summary, "description", description, "delivered", false));
        return new TrackedIssue("RECORDED-" + incidentKey, null);
      }

      @Override
      public TrackedIssue createActionItem(String incidentKey, String incidentIssueKey, int index, String title,
          String owner, String dueDate) {
        incidents.note(incidentKey, null, TimelineEntry.Kind.TRACKING,
            incidents.words().get("tracking.recorded.actionItem", title, owner, dueDate),
            Map.of("title", title, "owner", String.valueOf(owner), "dueDate", String.valueOf(dueDate),
                "linkedTo", String.valueOf(incidentIssueKey), "delivered", false));
        return new TrackedIssue("RECORDED-" + incidentKey + "-" + (index + 1), null);
      }

      @Override
      public boolean delivers() {
        return false;
      }

      @Override
      public void comment(String incidentKey, String issueKey, String text) {
        incidents.note(incidentKey, null, TimelineEntry.Kind.TRACKING,
            incidents.words().get("tracking.recorded.comment", issueKey, text), Map.of("delivered", false));
      }

      @Override
      public TransitionOutcome transition(String incidentKey, String issueKey, TrackingStage stage) {
        incidents.note(incidentKey, null, TimelineEntry.Kind.TRACKING,
            incidents.words().get("tracking.recorded.transition", issueKey, stage.label()),
            Map.of("issue", issueKey, "stage", stage.code(), "delivered", false));
        return new TransitionOutcome(false, stage.label());
      }
    };
  }
}
