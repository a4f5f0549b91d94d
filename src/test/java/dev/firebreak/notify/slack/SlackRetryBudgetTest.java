package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;

/**
 * "With Slack down for five minutes, every message arrives once Slack is back": every task that
 * posts to Slack must keep retrying for longer than the outage plus the circuit breaker's open
 * wait. Camunda runs a job R times in all for R<i>n</i>/interval (the first run and n-1 retries),
 * so the last attempt is (n-1) x interval after the first failure.
 */
class SlackRetryBudgetTest {

  /** Delegates that post to Slack (postIncidentUpdate), directly or after e-mail / status page work. */
  static final Set<String> SLACK_POSTING = Set.of("${postSlackUpdate}", "${postAlertUpdate}", "${publishStatusUpdate}",
      "${pageEscalationContacts}", "${announceEscalation}", "${emailOnCall}", "${pageNextPerson}");
  static final Duration OUTAGE = Duration.ofMinutes(5);
  static final Duration BREAKER_OPEN = Duration.ofSeconds(30);
  static final Pattern CYCLE = Pattern.compile("R(\\d+)/(PT\\w+)");

  @Test
  void slackPostingTasksOutlastAFiveMinuteOutage() {
    List<String> tooShort = new ArrayList<>();
    File[] processes = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
    assertThat(processes).isNotEmpty();
    for (File file : processes) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file);
      tooShort.addAll(tooShort(file.getName(), model));
    }
    assertThat(tooShort).as("Slack-posting tasks that give up before a five-minute Slack outage is over").isEmpty();
  }

  private static List<String> tooShort(String file, BpmnModelInstance model) {
    List<String> tooShort = new ArrayList<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if (!SLACK_POSTING.contains(task.getCamundaDelegateExpression())) {
        continue;
      }
      assertThat(task.isCamundaAsyncBefore()).as("%s is asyncBefore", task.getId()).isTrue();
      CamundaFailedJobRetryTimeCycle cycle = task.getExtensionElements() == null ? null
          : task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
              .singleResult();
      Matcher m = CYCLE.matcher(cycle == null ? "" : cycle.getTextContent().trim());
      Duration budget = m.matches()
          ? Duration.parse(m.group(2)).multipliedBy(Long.parseLong(m.group(1)) - 1) : Duration.ZERO;
      if (budget.compareTo(OUTAGE.plus(BREAKER_OPEN)) <= 0) {
        tooShort.add(file + " " + task.getId() + " (" + (cycle == null ? "no cycle" : cycle.getTextContent())
            + ": retries for " + budget.toMinutes() + " min)");
      }
    }
    return tooShort;
  }
}
