package dev.firebreak.statuspage;

import static dev.firebreak.notify.StatusUpdateVariables.*;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.notify.NoticePhase;
import dev.firebreak.notify.Notices;
import dev.firebreak.notify.NotificationPlan;
import dev.firebreak.tracking.Tracking;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Publishes the update communications approved (or the first notice the plan publishes without
 * approval), under its public title: on the public status page (and to subscribers, when
 * the notification plan says so), in the incident channel and on the incident's Jira issue; the
 * support centre is briefed and the approved social post published with it ({@link SupportBriefings}).
 */
@Component("publishStatusUpdate")
class PublishStatusUpdate implements JavaDelegate {

  private final Notices notices;
  private final StatusPage statusPage;
  private final Tracking tracking;
  private final SupportBriefings support;

  private final dev.firebreak.platform.i18n.TimelineWords words;
  private final dev.firebreak.platform.i18n.Texts texts;

  PublishStatusUpdate(Notices notices, StatusPage statusPage, Tracking tracking, SupportBriefings support,
      dev.firebreak.platform.i18n.TimelineWords words, dev.firebreak.platform.i18n.Texts texts) {
    this.words = words;
    this.texts = texts;
    this.support = support;
    this.notices = notices;
    this.statusPage = statusPage;
    this.tracking = tracking;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NoticePhase phase = STATUS_PHASE.require(execution);
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    if (NotificationPlan.says(NotificationPlan.STATUS_PAGE, execution, false)) {
      statusPage.publish(key, phase.code(), PUBLIC_TITLE.get(execution), STATUS_MESSAGE.require(execution),
          execution.getActivityInstanceId(),
          NotificationPlan.says(NotificationPlan.SUBSCRIBERS, execution, false));
      support.brief(key, phase.code(), PUBLIC_TITLE.get(execution), STATUS_MESSAGE.require(execution),
          execution.getActivityInstanceId(), IncidentProcess.STATUS_UPDATE_CYCLE.get(execution),
          SOCIAL_POST.get(execution), POST_TO_SOCIAL.getOrDefault(execution, false));
    }
    if (ANNOUNCE_IN_CHANNELS.getOrDefault(execution, true)) {
      String update = words.get("statusUpdate.posted", texts.get(words.locale(), "phase." + phase.code()),
          STATUS_MESSAGE.require(execution));
      notices.postIncidentUpdate(key, update);
      tracking.comment(key, update);
    }
  }
}
