package dev.firebreak.notify;

import static dev.firebreak.platform.process.ProcessVariable.bool;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.process.ProcessVariable;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The outputs of dmn/notification-plan.dmn, set on the incident by *Plan notifications*: which
 * channels fire. An incident started before the plan existed (no variable) notifies everything
 * internal and nothing public, and drills nothing but the drill channel.
 */
public final class NotificationPlan {

  public static final ProcessVariable<Boolean> CENTRAL_CHANNEL = bool("notifyCentralChannel");
  public static final ProcessVariable<Boolean> INCIDENT_CHANNEL = bool("notifyIncidentChannel");
  public static final ProcessVariable<Boolean> ON_CALL = bool("notifyOnCall");
  public static final ProcessVariable<Boolean> STATUS_PAGE = bool("publishStatusPage");
  public static final ProcessVariable<Boolean> SUBSCRIBERS = bool("notifySubscribers");
  /**
   * Whether the first public notice goes out at once from the template, without *Approve public
   * notice* (read by incident.bpmn's *Tell customers at once*); otherwise communications approve it.
   */
  public static final ProcessVariable<Boolean> FIRST_NOTICE_AUTOMATIC = bool("publishFirstNoticeAutomatically");

  private NotificationPlan() {
  }

  /** Whether the plan says this channel fires; drills fire only the incident (drill) channel. */
  public static boolean says(ProcessVariable<Boolean> channel, VariableScope scope, boolean internalDefault) {
    if (Boolean.TRUE.equals(IncidentProcess.DRILL.get(scope)) && channel != INCIDENT_CHANNEL) {
      return false;
    }
    return channel.getOrDefault(scope, internalDefault);
  }
}
