package dev.firebreak.notify;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.i18n.ModelWords;
import dev.firebreak.platform.i18n.TimelineWords;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Posts the incident's current state to the incident channel. The headline is the step's name in
 * the timeline's language ({@code step.<activity id>} in timeline/models*.properties, {@link ModelWords}),
 * else the step's name in the diagram, so a step a process owner adds still has one.
 */
@Component("postSlackUpdate")
class PostSlackUpdate implements JavaDelegate {

  private final Notices notices;
  private final TimelineWords words;
  private final ModelWords modelWords;

  PostSlackUpdate(Notices notices, TimelineWords words, ModelWords modelWords) {
    this.notices = notices;
    this.words = words;
    this.modelWords = modelWords;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String headline = headline(execution);
    if (!NotificationPlan.says(NotificationPlan.INCIDENT_CHANNEL, execution, true)) {
      return;
    }
    notices.postIncidentUpdate(IncidentProcess.INCIDENT_KEY.require(execution), headline,
        NotificationPlan.says(NotificationPlan.CENTRAL_CHANNEL, execution, true));
  }

  private String headline(DelegateExecution execution) {
    String name = execution.getCurrentActivityName();
    return name == null ? words.get("headline.default") : modelWords.step(execution.getCurrentActivityId(), name);
  }
}
