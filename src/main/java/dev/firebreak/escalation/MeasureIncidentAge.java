package dev.firebreak.escalation;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Before the escalation decision: how many minutes have passed since the incident was detected. */
@Component("measureIncidentAge")
class MeasureIncidentAge implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Date detectedAt = IncidentProcess.DETECTED_AT.require(execution);
    long minutes = Duration.between(detectedAt.toInstant(), Incidents.now()).toMinutes();
    EscalationVariables.MINUTES_SINCE_DETECTION.set(execution, (int) Math.max(0, minutes));
  }
}
