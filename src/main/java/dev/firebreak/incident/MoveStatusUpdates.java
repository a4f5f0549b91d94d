package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.time.Durations;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * After the notification plan was made again (a severity change), the running status-update
 * timer ({@code StatusUpdateTimer}, cycle {@code ${statusUpdateCycle}}) is moved to the new
 * cadence: its next due time is computed again from the new cycle, counted from when the timer
 * last started (the last update due, or the start of the response). A cycle already overdue under
 * the new cadence fires at once. Later firings follow the new cycle too: the engine re-reads the
 * cycle expression each time the timer fires ({@code reevaluate-time-cycle-when-due}).
 */
@Component("moveStatusUpdates")
class MoveStatusUpdates implements JavaDelegate {

  private final ManagementService management;
  private final Incidents incidents;
  private final EngineClock clock;

  MoveStatusUpdates(@Lazy ManagementService management, Incidents incidents, EngineClock clock) {
    this.management = management;
    this.incidents = incidents;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String cycle = STATUS_UPDATE_CYCLE.require(execution);
    EngineAccess.withoutAuthorization(() -> {
      for (Job timer : management.createJobQuery().processInstanceId(execution.getProcessInstanceId())
          .activityId(Elements.STATUS_UPDATE_TIMER).timers().list()) {
        management.recalculateJobDuedate(timer.getId(), true);
        Job moved = management.createJobQuery().jobId(timer.getId()).singleResult();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("statusUpdateCycle", cycle);
        details.put("nextUpdateDue", moved.getDuedate().toInstant().toString());
        incidents.note(INCIDENT_KEY.require(execution), null, TimelineEntry.Kind.NOTIFICATION,
            incidents.words().get("statusUpdates.moved", Durations.cycle(cycle, incidents.words().locale()),
                Durations.duration(Duration.between(clock.now(), moved.getDuedate().toInstant()),
                    incidents.words().locale())), details);
      }
      return null;
    });
  }
}
