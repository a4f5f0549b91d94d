package dev.firebreak.notify;

import static dev.firebreak.notify.StatusUpdateVariables.*;

import dev.firebreak.incident.IncidentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sends the update communications wrote to the incident channel (the status page comes later). */
@Component("publishStatusUpdate")
class PublishStatusUpdate implements JavaDelegate {

  private final Notices notices;

  PublishStatusUpdate(Notices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NoticePhase phase = STATUS_PHASE.require(execution);
    notices.postIncidentUpdate(IncidentProcess.INCIDENT_KEY.require(execution),
        "Status update (" + phase.label() + "): " + STATUS_MESSAGE.require(execution));
  }
}
