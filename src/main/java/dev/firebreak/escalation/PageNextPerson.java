package dev.firebreak.escalation;

import static dev.firebreak.escalation.EscalationProcess.*;
import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.directory.Directory;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.Notices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Nobody acknowledged the page in time: page the next person in the team's rotation who has not
 * been paged yet. When everyone was paged, say so; the process then goes to the next tier.
 */
@Component("pageNextPerson")
class PageNextPerson implements JavaDelegate {

  private final Directory directory;
  private final Notices notices;
  private final Incidents incidents;

  PageNextPerson(Directory directory, Notices notices, Incidents incidents) {
    this.directory = directory;
    this.notices = notices;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = IncidentProcess.INCIDENT_KEY.require(execution);
    String missed = PAGED_PERSON.get(execution);
    List<String> paged = new ArrayList<>(Arrays.asList(PAGED_PEOPLE.getOrDefault(execution, "").split(",")));
    Optional<Directory.Person> next = nextUnpaged(PAGED_TEAM.require(execution), missed, paged);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unacknowledgedBy", missed);
    details.put("timeout", PAGE_ACKNOWLEDGE_TIMEOUT.get(execution));
    if (next.isEmpty()) {
      PAGE_AWAITING_ACKNOWLEDGEMENT.set(execution, false);
      details.put("paged", paged);
      incidents.note(key, null, TimelineEntry.Kind.ESCALATION, incidents.words().get("page.missed.everyone", missed,
          PAGED_TEAM.get(execution)), details);
      return;
    }
    Directory.Person person = next.get();
    notices.emailPeople(key, List.of(person), incidents.words().get("page.next.subject"),
        incidents.words().get("page.next.body", missed, PAGE_ACKNOWLEDGE_TIMEOUT.get(execution),
            ESCALATION_REASON.get(execution)));
    paged.add(person.id());
    PAGED_PERSON.set(execution, person.id());
    PAGED_PEOPLE.set(execution, String.join(",", paged));
    PAGE_AWAITING_ACKNOWLEDGEMENT.set(execution, true);
    details.put("nowPaging", person.id());
    incidents.note(key, null, TimelineEntry.Kind.ESCALATION, incidents.words().get("page.missed.next", missed,
        PAGE_ACKNOWLEDGE_TIMEOUT.get(execution), person.name()), details);
  }

  /** The rotation order, starting after the person who missed the page, skipping everyone paged. */
  private Optional<Directory.Person> nextUnpaged(String teamId, String missed, List<String> paged) {
    Optional<Directory.Team> team = directory.teams().stream().filter(t -> t.id().equals(teamId)).findFirst();
    if (team.isEmpty()) {
      return Optional.empty();
    }
    List<String> members = team.get().members();
    int start = Math.max(0, members.indexOf(missed) + 1);
    for (int i = 0; i < members.size(); i++) {
      String candidate = members.get((start + i) % members.size());
      if (!paged.contains(candidate)) {
        return directory.person(candidate);
      }
    }
    return Optional.empty();
  }
}
