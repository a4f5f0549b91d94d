package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.time.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Listener of Post-mortem requested: the post-mortem is recorded with its owner (the incident
 * commander until a facilitator is chosen) and its due time (PostmortemDeadline).
 */
@Component("openPostmortem")
class OpenPostmortem implements ExecutionListener {

  private final Incidents incidents;
  private final PostmortemRecords records;
  private final PostmortemDeadline deadline;
  private final EngineClock clock;

  OpenPostmortem(Incidents incidents, PostmortemRecords records, PostmortemDeadline deadline, EngineClock clock) {
    this.incidents = incidents;
    this.records = records;
    this.deadline = deadline;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    IncidentRecord incident = incidents.require(key);
    records.open(key, incident.commander(), clock.now(), deadline.compute(incident, execution));
  }
}
