package dev.firebreak.drill;

import dev.firebreak.platform.time.EngineClock;

import static dev.firebreak.drill.DrillProcess.*;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Stores the drill's evaluation and who signed off their training. */
@Component("recordDrillResults")
class RecordDrillResults implements JavaDelegate {

  private final JdbcClient jdbc;
  private final Incidents incidents;
  private final EngineClock clock;

  RecordDrillResults(JdbcClient jdbc, Incidents incidents, EngineClock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The multi-instance "Sign off training" completes only when every participant signed off
    // (each sign-off is on the drill incident's timeline with its feedback).
    List<String> signedOff = PARTICIPANT_IDS.getOrDefault(execution, List.of()).stream().sorted().toList();
    String incidentKey = DRILL_INCIDENT_KEY.get(execution);
    int updated = jdbc.sql("UPDATE drill_result SET rating = ?, evaluation = ?, improvements = ?, signed_off = ? "
        + "WHERE process_instance_id = ?")
        .params(DRILL_RATING.get(execution), DRILL_EVALUATION.get(execution), DRILL_IMPROVEMENTS.get(execution),
            String.join(",", signedOff), execution.getProcessInstanceId())
        .update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO drill_result (process_instance_id, scenario, incident_key, rating, evaluation,
            improvements, participants, signed_off, recorded_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(execution.getProcessInstanceId(), DRILL_SCENARIO.require(execution), incidentKey,
              DRILL_RATING.get(execution), DRILL_EVALUATION.get(execution), DRILL_IMPROVEMENTS.get(execution),
              String.join(",", PARTICIPANT_IDS.getOrDefault(execution, List.of())), String.join(",", signedOff),
              clock.now().atOffset(ZoneOffset.UTC))
          .update();
    }
    if (incidentKey != null) {
      incidents.note(incidentKey, null, TimelineEntry.Kind.DRILL,
          incidents.words().get("drill.evaluated", DRILL_RATING.get(execution), String.join(", ", signedOff)), Map.of("signedOff", signedOff));
    }
  }
}
