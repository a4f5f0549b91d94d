package dev.firebreak.notify.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.ChatChannel;
import dev.firebreak.platform.ProcessTestSupport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 4, point 7: "With Slack down for five minutes, every message arrives once Slack is back."
 * The real application (H2, real Slack adapter, real retry cycle of incident.bpmn) against WireMock
 * as Slack. Engine time moves with Camunda's ClockUtil; nothing sleeps on engine time.
 *
 * <p>The "slack" circuit breaker keeps its production thresholds (opens after 5 calls with 50 %
 * failures) but waits only 100 ms in the open state instead of 30 s. The breaker runs on real time,
 * not on the engine clock, so between two retry rounds the test waits {@link #BREAKER_WAIT_MS} of
 * real time: that stands for the minute of real time that passes between two retries in
 * production (during which the 30 s open wait would also have elapsed). Without it, retries after
 * the breaker opened could fail fast without reaching Slack, because the test's "minutes" are only
 * milliseconds apart in real time (checked: with no wait, the attempt counts below fail).
 */
@DirtiesContext
class SlackOutageIT extends ProcessTestSupport {

  static final WireMockServer SLACK = SlackHistoryFake.server(WireMockConfiguration.options().dynamicPort());
  /** Real time that lets the breaker's 100 ms open wait elapse between two retry rounds. */
  static final long BREAKER_WAIT_MS = 150;
  static final String POST_TO_INCIDENT_CHANNEL = IncidentProcess.Elements.POST_TO_INCIDENT_CHANNEL;

  static {
    SLACK.start();
  }

  @AfterAll
  static void stopSlack() {
    // only this class uses this server; its Spring context stays cached, but nothing calls Slack after this class
    SLACK.stop();
  }

  @DynamicPropertySource
  static void slack(DynamicPropertyRegistry registry) {
    registry.add("firebreak.slack.bot-token", () -> "xoxb-test-token");
    registry.add("firebreak.slack.signing-secret", () -> "8f742231b10e8888abcd99yyyzzz85a5");
    registry.add("firebreak.slack.methods-endpoint-url-prefix", () -> SLACK.baseUrl() + "/api/");
    registry.add("firebreak.slack.max-rate-limit-wait", () -> "1s");
    registry.add("firebreak.slack.timeout", () -> "2s");
    registry.add("resilience4j.circuitbreaker.instances.slack.wait-duration-in-open-state", () -> "100ms");
  }

  @Autowired
  ChatChannel chat;
  @Autowired
  Incidents incidents;
  @Autowired
  CircuitBreakerRegistry breakers;

  StubMapping outage;

  @BeforeEach
  void slackIsDown() {
    SLACK.resetAll();
    breakers.circuitBreaker("slack").reset();
    SlackWorkspace.stub(SLACK);
    // Slack is down: every Web API method answers 503, above the healthy stubs
    outage = SLACK.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
    // a frozen engine clock, so retry due dates can be checked to the minute
    ClockUtil.setCurrentTime(new Date());
  }

  void slackIsBack() {
    // remove only the outage stub: the request journal keeps every call made during the outage
    SLACK.removeStub(outage.getId());
    assertThat(SLACK.listAllStubMappings().getMappings()).hasSize(SlackWorkspace.STUBS);
  }

  ProcessInstance declare(String title) {
    // part of the users: a SEV2, which no level-2 escalation joins at once (a SEV1's would post its own
    // announcement beside the card these tests follow; EscalationPathsTest covers that)
    return startIncident("responder", List.of("responders"), vars(
        "title", title, "service", "payments", "incidentType", "database", "impactScope", "part-of-users"));
  }

  String key(ProcessInstance instance) {
    return incidentKey(instance);
  }

  /** One retry round: a minute of engine time, the breaker's open wait of real time, due jobs run. */
  List<String> nextMinute(ProcessInstance instance) throws InterruptedException {
    Thread.sleep(BREAKER_WAIT_MS);
    moveClock(1);
    return runDueJobsTolerantly(instance);
  }

  Job postJob(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(POST_TO_INCIDENT_CHANNEL).singleResult();
  }

  List<Incident> camundaIncidents(ProcessInstance instance) {
    return engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).list();
  }

  List<LoggedRequest> calls(String method) {
    return SLACK.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
  }

  List<String> postedChannels() {
    return calls("chat.postMessage").stream()
        .map(r -> SlackInteractionController.formField(r.getBodyAsString(), "channel")).toList();
  }

  List<TimelineEntry> failures(String key) {
    return incidents.timeline(key).stream().filter(e -> TimelineEntry.Kind.FAILURE.equals(e.kind())).toList();
  }

  void assertRetryScheduledInOneMinute(Job job) {
    assertThat(job.getDuedate()).as("next retry of %s", POST_TO_INCIDENT_CHANNEL)
        .isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 60_000), 1_000);
  }

  @Test
  void withSlackDownForFiveMinutesTheCardArrivesExactlyOnceWhenSlackIsBack() throws Exception {
    assertThat(chat).isInstanceOf(SlackChatChannel.class);
    CircuitBreaker breaker = breakers.circuitBreaker("slack");
    ProcessInstance instance = declare("Payment DB connection failure");
    String key = key(instance);

    // minute 0: declared while Slack is down; the post fails and Camunda schedules a retry in a minute
    List<String> errors = runDueJobsTolerantly(instance);
    assertThat(errors).singleElement().asString().contains("HTTP 503");
    Job job = postJob(instance);
    assertThat(job).as("%s job waiting for a retry", POST_TO_INCIDENT_CHANNEL).isNotNull();
    assertThat(job.getRetries()).isEqualTo(9);
    assertRetryScheduledInOneMinute(job);

    // minutes 1..5: Slack is still down; every retry fails, one minute apart, without a Camunda incident.
    // At minute 2 the alert is updated: Post alert update runs, but posts nothing before the opening
    // announcement (issue 12), so it neither calls Slack nor fails.
    for (int minute = 1; minute <= 5; minute++) {
      Thread.sleep(BREAKER_WAIT_MS);
      moveClock(1);
      if (minute == 2) {
        engine.getRuntimeService().createMessageCorrelation(IncidentProcess.MESSAGE_ALERT_UPDATED)
            .processInstanceBusinessKey(key).correlate();
      }
      errors = runDueJobsTolerantly(instance);
      assertThat(errors).as("failed Slack jobs at minute %d", minute).hasSize(1)
          .allSatisfy(e -> assertThat(e).containsAnyOf("HTTP 503", "circuit breaker 'slack' is "))
          // every round, at least one call really reached Slack (closed or half-open breaker)
          .anySatisfy(e -> assertThat(e).contains("HTTP 503"));
      job = postJob(instance);
      assertThat(job.getRetries()).as("retries left at minute %d", minute).isEqualTo(9 - minute);
      assertRetryScheduledInOneMinute(job);
      assertThat(camundaIncidents(instance)).as("Camunda incidents at minute %d", minute).isEmpty();
      assertThat(failures(key)).as("failure entries at minute %d", minute).isEmpty();
    }
    // calls that reached Slack: one job a minute; minutes 0-4 (the 5th failed call opens the breaker),
    // minute 5 a half-open trial
    assertThat(breaker.getState()).isNotEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("PostAlertUpdate").count()).as("the alert update is done: it waits for the opening").isZero();
    int outageCalls = calls("conversations.create").size();
    assertThat(outageCalls).as("attempts that reached Slack during the outage").isBetween(5, 6);
    assertThat(calls("chat.postMessage")).isEmpty();
    // the response never waits for a channel (issue 12): Triage incident waits for a responder all along
    assertThat(hasTask(instance, IncidentProcess.Elements.TRIAGE_INCIDENT)).isTrue();

    // Slack is back: at the next retry (minute 6) the opening announcement arrives, the card posted once
    // in each channel with the incident's state then; the alert update it waited for had no alerts to
    // summarise (correlated by hand), so nothing follows it
    slackIsBack();
    errors = nextMinute(instance);
    assertThat(errors).isEmpty();
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(postJob(instance)).isNull();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("PostAlertUpdate").count()).isZero();
    assertThat(postedChannels()).containsExactlyInAnyOrder("C0INC", "#incidents");
    assertThat(calls("chat.update")).isEmpty();
    assertThat(calls("conversations.create")).as("refused during the outage, then once").hasSize(outageCalls + 1);
    assertThat(calls("conversations.invite")).hasSize(1);
    assertThat(camundaIncidents(instance)).isEmpty();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).withException()
        .count()).isZero();
    assertThat(failures(key)).isEmpty();
    // Triage incident still waits for a responder
    assertThat(hasTask(instance, IncidentProcess.Elements.TRIAGE_INCIDENT)).isTrue();

    // nothing later reposts the card: another minute, still one post per channel
    nextMinute(instance);
    assertThat(postedChannels()).containsExactlyInAnyOrder("C0INC", "#incidents");
  }

  @Test
  void whenSlackStaysDownPastAllRetriesCockpitShowsAnIncidentAndTheTimelineSaysWhatFailed() throws Exception {
    ProcessInstance instance = declare("Checkout timeouts");
    String key = key(instance);

    assertThat(runDueJobsTolerantly(instance)).hasSize(1);
    // R10/PT1M: ten attempts in all, the last one nine minutes after the first
    for (int minute = 1; minute <= 8; minute++) {
      assertThat(nextMinute(instance)).as("minute %d", minute).hasSize(1);
      assertThat(camundaIncidents(instance)).as("Camunda incidents at minute %d", minute).isEmpty();
    }
    assertThat(postJob(instance).getRetries()).isEqualTo(1);
    assertThat(failures(key)).isEmpty();

    // minute 9: the last attempt fails; retries are used up
    assertThat(nextMinute(instance)).hasSize(1);
    Job job = postJob(instance);
    assertThat(job.getRetries()).isZero();
    assertThat(calls("conversations.create")).as("attempts that reached Slack").hasSize(10);
    assertThat(calls("chat.postMessage")).isEmpty();

    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
        .singleResult();
    assertThat(incident).as("Camunda incident (Cockpit)").isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(POST_TO_INCIDENT_CHANNEL);
    assertThat(incident.getConfiguration()).isEqualTo(job.getId());
    assertThat(incident.getIncidentMessage()).contains("HTTP 503");

    assertThat(failures(key)).singleElement().satisfies(entry -> {
      assertThat(entry.summary()).isEqualTo("'" + POST_TO_INCIDENT_CHANNEL + "' failed after all retries: "
          + incident.getIncidentMessage()
          + " — resolve it in Cockpit (retry the job) once the outside system is back");
      assertThat(entry.details().path("activity").asText()).isEqualTo(POST_TO_INCIDENT_CHANNEL);
      assertThat(entry.details().path("camundaIncident").asText()).isEqualTo(incident.getId());
    });

    // no more attempts on their own: a minute later nothing runs, nothing is posted
    assertThat(nextMinute(instance)).isEmpty();
    assertThat(calls("conversations.create")).hasSize(10);
    // and the response went on beside the failed channel (issue 12): Triage incident is there
    assertThat(hasTask(instance, IncidentProcess.Elements.TRIAGE_INCIDENT)).isTrue();
  }
}
