package dev.firebreak.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** Approve escalation names the people the level would page, from the directory — not group ids. */
class ApproveEscalationContactsTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");

  @Test
  void approverSeesThePeopleLevel3WouldPage() {
    ProcessInstance instance = declareIncident("responder", RESPONDERS, vars("title", "Payments failing",
        "service", "payments", "incidentType", "outage", "impactScope", "all-users"));
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "commander", "manager", "overrideSeverity", false));
    var page = task(instance, "AcknowledgePage");
    complete(instance, page, page.getAssignee(), List.of("team-payments"), vars("acknowledgementNote", "On it"));
    moveClock(31);
    runDueJobs(instance);

    var approve = task(instance, "ApproveEscalation");
    String contacts = (String) engine.getTaskService().getVariable(approve.getId(), "escalationContacts");
    assertThat(contacts).contains("Leadership (L3): ").contains("Incident managers: Min Manager <manager@firebreak.example>")
        .doesNotContain("First On call").as("the team was paged at triage already");
    assertThat(contacts.lines()).noneMatch(line -> line.endsWith(": executives") || line.endsWith(": incident-managers"));
  }
}
