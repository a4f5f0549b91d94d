package dev.firebreak.audit;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * When a job has used up its retries, Camunda raises an incident (visible in Cockpit); this also
 * says on the incident's timeline what failed, so responders see that a notification, a ticket or
 * a deployment did not happen.
 */
class FailedJobTimeline extends DefaultIncidentHandler {

  private final Incidents incidents;

  FailedJobTimeline(Incidents incidents) {
    super(Incident.FAILED_JOB_HANDLER_TYPE);
    this.incidents = incidents;
  }

  @Override
  public Incident handleIncident(IncidentContext context, String message) {
    Incident incident = super.handleIncident(context, message);
    String key = incidentKey(context.getExecutionId());
    if (key != null && incidents.find(key).isPresent()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("activity", context.getActivityId());
      details.put("camundaIncident", incident.getId());
      details.put("error", message);
      incidents.note(key, null, TimelineEntry.Kind.FAILURE,
          incidents.words().get("job.failed", context.getActivityId(),
              message == null ? incidents.words().get("job.failed.unknown") : message), details);
    }
    return incident;
  }

  private static String incidentKey(String executionId) {
    if (executionId == null || Context.getCommandContext() == null) {
      return null;
    }
    ExecutionEntity execution = Context.getCommandContext().getExecutionManager().findExecutionById(executionId);
    Object key = execution == null ? null : execution.getVariable(IncidentProcess.INCIDENT_KEY.name());
    return key == null ? null : key.toString();
  }
}
