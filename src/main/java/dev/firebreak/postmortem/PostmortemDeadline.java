package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.process.ModelBean;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * When a post-mortem is due: {@code postmortemDueIn} (the post-mortem policy's output, by severity)
 * after the incident was resolved. The timer Post-mortem overdue of postmortem.bpmn fires then.
 */
@ModelBean
@Component("postmortemDeadline")
public class PostmortemDeadline {

  /** When the policy gave no (readable) time: two weeks. */
  static final Duration DEFAULT_DUE_IN = Duration.ofDays(14);

  private final Incidents incidents;
  private final PostmortemRecords records;
  private final EngineClock clock;

  PostmortemDeadline(Incidents incidents, PostmortemRecords records, EngineClock clock) {
    this.incidents = incidents;
    this.records = records;
    this.clock = clock;
  }

  /** The timer's date: the stored due time of this post-mortem, else computed now. */
  public Date dueAt(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    return Date.from(records.find(key).map(PostmortemRecords.PostmortemRecord::dueAt)
        .orElseGet(() -> compute(incidents.require(key), execution)));
  }

  Instant compute(IncidentRecord incident, VariableScope scope) {
    Instant from = incident.resolvedAt() != null ? incident.resolvedAt() : clock.now();
    return from.plus(dueIn(PostmortemProcess.POSTMORTEM_DUE_IN.get(scope)));
  }

  static Duration dueIn(String iso) {
    if (iso == null || iso.isBlank()) {
      return DEFAULT_DUE_IN;
    }
    try {
      Duration parsed = Duration.parse(iso.trim());
      return parsed.isNegative() || parsed.isZero() ? DEFAULT_DUE_IN : parsed;
    } catch (DateTimeParseException e) {
      return DEFAULT_DUE_IN;
    }
  }
}
