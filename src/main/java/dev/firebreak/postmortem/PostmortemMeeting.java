package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.PostmortemProcess.FACILITATOR;
import static dev.firebreak.postmortem.PostmortemProcess.MEETING_AT;
import static dev.firebreak.postmortem.PostmortemProcess.MEETING_PARTICIPANTS;
import static dev.firebreak.postmortem.PostmortemProcess.PARTICIPANT_OPTIONS;
import static dev.firebreak.postmortem.PostmortemProcess.TIME_ZONE;

import dev.firebreak.directory.Directory;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.process.InvalidVariableException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.camunda.spin.plugin.variable.SpinValues;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Schedule post-mortem meeting: when the task starts, the zone its meeting time is in
 * ({@code firebreak.zone}) is set for the form to show ({@code timeZone}); when it completes, the
 * time and the people are checked against the directory (an unknown participant or facilitator is
 * a 400, in the completion's transaction, before anything is sent).
 */
@Component("postmortemMeeting")
class PostmortemMeeting implements ExecutionListener {

  private final FirebreakProperties properties;
  private final Directory directory;
  private final PostmortemRecords records;

  PostmortemMeeting(FirebreakProperties properties, Directory directory, PostmortemRecords records) {
    this.properties = properties;
    this.directory = directory;
    this.records = records;
  }

  /**
   * The task starts: the zone for the form. It ends by completion (not cancelled): the time and
   * the people must make sense (an execution listener, so the refusal reaches the caller as it is).
   */
  @Override
  public void notify(DelegateExecution execution) {
    if (EVENTNAME_START.equals(execution.getEventName())) {
      TIME_ZONE.set(execution, properties.getZone().getId());
      execution.setVariableLocal(PARTICIPANT_OPTIONS, SpinValues.jsonValue(directory.peopleAsOptions()).create());
    } else if (EVENTNAME_END.equals(execution.getEventName()) && !execution.isCanceled()) {
      check(execution);
      // the facilitator owns the post-mortem from now on (the list, the overdue reminder)
      records.owner(dev.firebreak.incident.IncidentProcess.INCIDENT_KEY.require(execution), FACILITATOR.require(execution).trim());
    }
  }

  private void check(DelegateExecution execution) {
    start(execution);
    List<String> people = participants(execution);
    String facilitator = FACILITATOR.require(execution).trim();
    List<String> unknown = java.util.stream.Stream.concat(people.stream(), java.util.stream.Stream.of(facilitator))
        .distinct().filter(id -> directory.person(id).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariableException(unknown.contains(facilitator) && !people.contains(facilitator)
          && unknown.size() == 1 ? FACILITATOR.name() : MEETING_PARTICIPANTS.name(),
          "Not in the directory: " + String.join(", ", unknown) + ". Use people's ids (e.g. responder, manager).");
    }
  }

  /** The zone the meeting time is in: the one the form showed, else firebreak.zone. */
  ZoneId zone(VariableScope execution) {
    try {
      String shown = TIME_ZONE.get(execution);
      return shown == null ? properties.getZone() : ZoneId.of(shown);
    } catch (DateTimeException e) {
      return properties.getZone();
    }
  }

  /** When the meeting starts: a local date-time is in the shown zone; an ISO time with an offset is taken as it is. */
  Instant start(VariableScope execution) {
    String raw = MEETING_AT.require(execution).trim();
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(raw).atZone(zone(execution)).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidVariableException(MEETING_AT.name(),
            "Not a date and time: '" + raw + "'; e.g. 2026-12-03T14:00 (in " + zone(execution).getId() + ")");
      }
    }
  }

  /** The participants' ids, in the order given, without repeats; at least one. */
  static List<String> participants(VariableScope execution) {
    List<String> ids = Directory.ids(MEETING_PARTICIPANTS.require(execution));
    if (ids.isEmpty()) {
      throw new InvalidVariableException(MEETING_PARTICIPANTS.name(), "A post-mortem meeting needs participants");
    }
    return ids;
  }
}
