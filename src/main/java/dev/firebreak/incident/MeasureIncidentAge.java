package dev.firebreak.incident;

import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Before the escalation decision: how many minutes have passed since the incident was detected. */
@Component("measureIncidentAge")
class MeasureIncidentAge implements ExecutionListener {

  private final EngineClock clock;

  MeasureIncidentAge(EngineClock clock) {
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Date detectedAt = IncidentProcess.DETECTED_AT.require(execution);
    long minutes = Duration.between(detectedAt.toInstant(), clock.now()).toMinutes();
    IncidentProcess.MINUTES_SINCE_DETECTION.set(execution, (int) Math.max(0, minutes));
  }
}
