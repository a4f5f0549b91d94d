package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.incident.EscalationTarget;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.notify.Notices;
import dev.firebreak.platform.i18n.TimelineWords;
import dev.firebreak.tracking.Tracking;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells the incident's Jira issue and Slack card the new level; both are safe to repeat on retry. */
@Component("announceEscalation")
class AnnounceEscalation implements JavaDelegate {

  private final Notices notices;
  private final Tracking tracking;
  private final TimelineWords words;

  AnnounceEscalation(Notices notices, Tracking tracking, TimelineWords words) {
    this.notices = notices;
    this.tracking = tracking;
    this.words = words;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    int level = ESCALATION_LEVEL.require(execution);
    EscalationTarget target = ESCALATION_TARGET.get(execution).orElse(EscalationLevels.target(level));
    String headline = words.get("escalation.announced", level, words.get("escalationTarget." + target.code()));
    tracking.comment(key, headline + ". " + ESCALATION_REASON.get(execution));
    notices.postIncidentUpdate(key, headline);
  }
}
