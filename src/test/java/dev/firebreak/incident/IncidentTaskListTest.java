package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tasklist reads like an incident list: key, severity and title in every task's name, priority, due date. */
class IncidentTaskListTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> MANAGERS = List.of("incident-managers", "responders");
  static final Instant NOW = Instant.parse("2026-05-15T05:30:00Z");

  @Autowired
  Incidents incidents;

  static Map<String, Object> paymentOutage() {
    return vars("title", "결제 DB 연결 실패", "service", "payments", "incidentType", "database",
        "impactScope", "all-users");
  }

  static Map<String, Object> singleCustomerProblem() {
    return vars("title", "One merchant cannot log in", "service", "search", "incidentType", "degraded-performance",
        "impactScope", "single-customer");
  }

  ProcessInstance declareAt(Instant at, Map<String, Object> variables) {
    ClockUtil.setCurrentTime(Date.from(at));
    return declareIncident("responder", RESPONDERS, variables);
  }

  @Test
  void sev1TriageTaskCarriesKeySeverityTitlePriorityAndA5MinuteTarget() {
    ProcessInstance instance = declareAt(NOW, paymentOutage());
    String key = incidentKey(instance);
    assertThat(incidents.require(key).severity()).isEqualTo(Severity.SEV1);

    Task triage = task(instance, "TriageIncident");
    assertThat(triage.getName()).isEqualTo("[SEV1] " + key + " Triage incident — 결제 DB 연결 실패");
    assertThat(triage.getPriority()).isEqualTo(100);
    assertThat(triage.getDueDate()).isEqualTo(Date.from(NOW.plusSeconds(5 * 60)));

    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "commander", "manager", "overrideSeverity", false));
    assertThat(incidents.timeline(key)).as("the timeline names the step, not the Tasklist label")
        .anyMatch(e -> e.summary().startsWith("Triage incident — completed by responder"));
    Task diagnose = task(instance, "DiagnoseAndChooseRecovery");
    assertThat(diagnose.getName()).as("tasks of called processes too")
        .isEqualTo("[SEV1] " + key + " Diagnose and choose recovery — 결제 DB 연결 실패");
    assertThat(diagnose.getPriority()).isEqualTo(100);
  }

  @Test
  void sev3TriageTaskHasLowerPriorityAndA30MinuteTarget() {
    ProcessInstance instance = declareAt(NOW, singleCustomerProblem());
    String key = incidentKey(instance);
    Task triage = task(instance, "TriageIncident");
    assertThat(triage.getName()).isEqualTo("[SEV3] " + key + " Triage incident — One merchant cannot log in");
    assertThat(triage.getPriority()).isEqualTo(50);
    assertThat(triage.getDueDate()).isEqualTo(Date.from(NOW.plusSeconds(30 * 60)));
  }

  @Test
  void afterASeverityOverrideTheTasksFollow() {
    ProcessInstance instance = declareAt(NOW, singleCustomerProblem());
    String key = incidentKey(instance);
    complete(instance, "TriageIncident", "manager", MANAGERS, vars("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", true, "severityOverride", "SEV1",
        "severityOverrideReason", "Our largest merchant"));

    Task diagnose = task(instance, "DiagnoseAndChooseRecovery");
    assertThat(diagnose.getName()).isEqualTo("[SEV1] " + key + " Diagnose and choose recovery — One merchant cannot log in");
    assertThat(diagnose.getPriority()).isEqualTo(100);
  }

  @Test
  void aLaterSeverityChangeRenamesAndReprioritisesTheOpenTasks() {
    ProcessInstance instance = declareAt(NOW, singleCustomerProblem());
    String key = incidentKey(instance);
    Task triage = task(instance, "TriageIncident");
    assertThat(triage.getPriority()).isEqualTo(50);

    incidents.classify(key, null, null, "SEV2", null, null);

    Task renamed = task(instance, "TriageIncident");
    assertThat(renamed.getName()).isEqualTo("[SEV2] " + key + " Triage incident — One merchant cannot log in");
    assertThat(renamed.getPriority()).isEqualTo(75);
    assertThat(renamed.getDueDate()).as("the SEV2 target from the task's creation").isEqualTo(Date.from(NOW.plusSeconds(15 * 60)));
  }
}
