package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.PostmortemProcess.FACILITATOR;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.Notices;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After Schedule post-mortem meeting (its own job, retried): the meeting goes on the incident's
 * timeline, with its zone, and the participants are e-mailed an iCalendar invitation through
 * notify. Both happen in the job's one transaction, the e-mail last, so a failed send leaves no
 * note and the retry does both; the event's UID is the post-mortem's, so an invitation sent twice
 * is the same event to a calendar.
 */
@Component("inviteToPostmortemMeeting")
class InviteToPostmortemMeeting implements JavaDelegate {

  /** How long the meeting is booked for. */
  static final Duration LENGTH = Duration.ofHours(1);
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");
  private static final DateTimeFormatter SHOWN_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneOffset.UTC);

  private final PostmortemMeeting meeting;
  private final Directory directory;
  private final Incidents incidents;
  private final Notices notices;
  private final Texts texts;
  private final EngineClock clock;

  InviteToPostmortemMeeting(PostmortemMeeting meeting, Directory directory, Incidents incidents, Notices notices,
      Texts texts, EngineClock clock) {
    this.meeting = meeting;
    this.directory = directory;
    this.incidents = incidents;
    this.notices = notices;
    this.texts = texts;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    IncidentRecord incident = incidents.require(key);
    ZoneId zone = meeting.zone(execution);
    Instant start = meeting.start(execution);
    List<Directory.Person> people = PostmortemMeeting.participants(execution).stream()
        .map(id -> directory.person(id).orElse(new Directory.Person(id, id, null, null, null))).toList();
    String facilitatorId = FACILITATOR.require(execution).trim();
    Directory.Person facilitator = directory.person(facilitatorId)
        .orElse(new Directory.Person(facilitatorId, facilitatorId, null, null, null));
    String when = SHOWN.format(start.atZone(zone)) + " (" + zone.getId() + ")";
    String names = String.join(", ", people.stream().map(Directory.Person::name).toList());

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("meetingAt", start.toString());
    details.put("timeZone", zone.getId());
    details.put("participants", people.stream().map(Directory.Person::id).toList());
    details.put("facilitator", facilitator.id());
    incidents.note(key, null, TimelineEntry.Kind.POSTMORTEM,
        texts.get("postmortem.meeting.note", when, names, facilitator.name()), details);

    List<String> to = people.stream().map(Directory.Person::email).filter(Objects::nonNull)
        .filter(address -> !address.isBlank()).distinct().toList();
    if (to.isEmpty()) {
      return;
    }
    String summary = texts.get("postmortem.meeting.subject", incident.key() + " " + incident.title());
    String body = texts.get("postmortem.meeting.body", incident.key(), incident.title(), when,
        SHOWN_UTC.format(start), facilitator.name(), names);
    String calendar = MeetingInvitation.ics("postmortem-" + execution.getProcessInstanceId() + "@firebreak",
        clock.now(), start, start.plus(LENGTH), summary, body, facilitator, people);
    notices.emailInvitation(key, to, texts.get("postmortem.meeting.subject", incident.title()), body, calendar);
  }
}
