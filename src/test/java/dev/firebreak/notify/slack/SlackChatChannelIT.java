package dev.firebreak.notify.slack;

import dev.firebreak.incident.IncidentStatus;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.notify.ChatChannel;
import dev.firebreak.platform.ProcessTestSupport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real Slack adapter against WireMock as Slack's Web API, driven by incidents running in the
 * engine, and the interaction endpoint through real HTTP (the raw body is what Slack signs).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SlackChatChannelIT extends ProcessTestSupport {

  static final WireMockServer SLACK = SlackHistoryFake.server(WireMockConfiguration.options().dynamicPort());
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  static {
    // one fake Slack for this class and its PostgreSQL subclass; it ends with the test JVM
    SLACK.start();
  }

  @DynamicPropertySource
  static void slack(DynamicPropertyRegistry registry) {
    registry.add("firebreak.slack.bot-token", () -> "xoxb-test-token");
    registry.add("firebreak.slack.signing-secret", () -> SECRET);
    registry.add("firebreak.slack.methods-endpoint-url-prefix", () -> SLACK.baseUrl() + "/api/");
    registry.add("firebreak.slack.max-rate-limit-wait", () -> "1s");
    // short, so a test can have Slack answer after the adapter gave up
    registry.add("firebreak.slack.timeout", () -> "2s");
    registry.add("resilience4j.circuitbreaker.instances.slack.minimum-number-of-calls", () -> "3");
    registry.add("resilience4j.circuitbreaker.instances.slack.sliding-window-size", () -> "3");
    registry.add("resilience4j.circuitbreaker.instances.slack.wait-duration-in-open-state", () -> "2s");
    registry.add("firebreak.intake.token", () -> "slack-it-token");
    // the test runs the sweep itself, after moving the clock to the interval's end
    registry.add("firebreak.notify.alert-update-sweep", () -> "1h");
  }

  @Autowired
  ChatChannel chat;
  @Autowired
  Incidents incidents;
  @Autowired
  CircuitBreakerRegistry breakers;
  @Autowired
  ObjectMapper json;
  @Autowired
  MeterRegistry meters;
  @LocalServerPort
  int port;
  @Autowired
  dev.firebreak.notify.NotifyProperties notify;
  @Autowired
  dev.firebreak.notify.AlertUpdatePosts alertUpdates;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void slackIsUp() {
    SLACK.resetAll();
    breakers.circuitBreaker("slack").reset();
    stubSlack();
  }

  /** The workspace, and the address Slack's interaction replies go to. */
  static void stubSlack() {
    SlackWorkspace.stub(SLACK);
    SLACK.stubFor(post(urlEqualTo("/actions/reply")).willReturn(aResponse().withStatus(200)));
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

  /** Runs due jobs until the Slack job (Post to incident channel) is next, and returns it. */
  Job slackJob(ProcessInstance instance) {
    for (int i = 0; i < 50; i++) {
      Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .activityId(IncidentProcess.Elements.POST_TO_INCIDENT_CHANNEL).singleResult();
      if (job != null) {
        return job;
      }
      Job next = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable()
          .list().stream().findFirst().orElseThrow(() -> new AssertionError("no Slack job came"));
      engine.getManagementService().executeJob(next.getId());
    }
    throw new AssertionError("no Slack job came");
  }

  List<LoggedRequest> calls(String method) {
    return SLACK.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
  }

  static String field(LoggedRequest request, String name) {
    return SlackInteractionController.formField(request.getBodyAsString(), name);
  }

  @Test
  void anIncidentGetsItsChannelItsRespondersAndOneCardThatIsUpdatedInPlace() throws Exception {
    assertThat(chat).isInstanceOf(SlackChatChannel.class);
    ProcessInstance instance = declare("Payment DB connection failure");
    runDueJobs(instance);
    String key = key(instance);

    // the incident's own channel, named after key and title
    assertThat(calls("conversations.create")).singleElement()
        .satisfies(r -> assertThat(field(r, "name")).isEqualTo(key.toLowerCase() + "-payment-db-connection-failure"))
        .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer xoxb-test-token"));
    // responders looked up by e-mail; the one with a Slack account invited
    assertThat(calls("users.lookupByEmail")).extracting(r -> field(r, "email"))
        .containsExactlyInAnyOrder("responder@firebreak.example", "manager@firebreak.example");
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals("Not invited to #" + key.toLowerCase()
        + "-payment-db-connection-failure (no Slack account with this e-mail): manager@firebreak.example"));
    assertThat(calls("conversations.invite")).singleElement().satisfies(r -> {
      assertThat(field(r, "channel")).isEqualTo("C0INC");
      assertThat(field(r, "users")).isEqualTo("U0RESPOND");
    });
    // one card in the incident channel and one in the central channel, as Block Kit
    List<LoggedRequest> posts = calls("chat.postMessage");
    assertThat(posts).extracting(r -> field(r, "channel")).containsExactlyInAnyOrder("C0INC", "#incidents");
    LoggedRequest card = posts.stream().filter(r -> field(r, "channel").equals("C0INC")).findFirst().orElseThrow();
    JsonNode blocks = json.readTree(field(card, "blocks"));
    assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo(key + " Payment DB connection failure");
    assertThat(blocks.get(1).path("fields").toString())
        .contains("*Severity*\\nSEV2", "*Status*\\nWaiting for triage", "*Level*\\nL1", "*Commander*\\n_unassigned_");
    JsonNode buttons = blocks.findValue("elements");
    assertThat(buttons.findValuesAsText("action_id"))
        .containsExactly("acknowledge", "open_tasklist", "open_incident", "open_status_page");
    // Triage incident exists before the card is posted (the channels run beside it): Tasklist opens it
    List<String> urls = buttons.findValuesAsText("url");
    assertThat(urls).hasSize(3);
    assertThat(urls.get(0)).startsWith("http://localhost:8080/camunda/app/tasklist/default/#/?task=");
    assertThat(urls.subList(1, 3)).containsExactly("http://localhost:8080/api/incidents/" + key,
        "http://localhost:8080/status");
    assertThat(field(card, "text")).contains(key, "Payment DB connection failure");
    assertThat(incidents.links(key)).anyMatch(l -> l.kind().equals("slack-channel")
        && l.url().equals("https://slack.com/app_redirect?channel=C0INC"));

    // the next update edits both cards; nothing is posted again, nobody is invited again
    engine.getRuntimeService().createMessageCorrelation(IncidentProcess.MESSAGE_ALERT_UPDATED)
        .processInstanceBusinessKey(key).correlate();
    runDueJobs(instance);
    assertThat(calls("chat.postMessage")).hasSize(2);
    assertThat(calls("conversations.create")).hasSize(1);
    assertThat(calls("conversations.invite")).hasSize(1);
    assertThat(calls("users.lookupByEmail")).hasSize(2);
    List<LoggedRequest> updates = calls("chat.update");
    assertThat(updates).extracting(r -> field(r, "channel") + "/" + field(r, "ts"))
        .contains("C0INC/1764540000.000200");
    assertThat(updates).allSatisfy(r -> assertThat(field(r, "blocks")).contains(key));
    // the updated card now opens the Triage task
    Task triage = task(instance, IncidentProcess.Elements.TRIAGE_INCIDENT);
    LoggedRequest updated = updates.stream().filter(r -> field(r, "channel").equals("C0INC")).findFirst().orElseThrow();
    assertThat(json.readTree(field(updated, "blocks")).findValue("elements").findValuesAsText("url"))
        .startsWith("http://localhost:8080/camunda/app/tasklist/default/#/?task=" + triage.getId());
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().startsWith("Slack card updated in #" + key.toLowerCase()));
  }

  @Test
  void withTheKoreanLocaleTheCardSpeaksKorean() throws Exception {
    notify.setLocale("ko");
    try {
      ProcessInstance instance = declare("결제 DB 연결 실패");
      runDueJobs(instance);
      String key = key(instance);
      LoggedRequest card = calls("chat.postMessage").stream().filter(r -> field(r, "channel").equals("C0INC"))
          .findFirst().orElseThrow();
      JsonNode blocks = json.readTree(field(card, "blocks"));
      assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo(key + " 결제 DB 연결 실패");
      assertThat(blocks.get(1).path("fields").toString())
          .contains("*심각도*\\nSEV2", "*상태*\\n분류 대기", "*단계*\\nL1", "*지휘자*\\n_미지정_", "*확인*\\n_아직 없음_")
          .doesNotContain("Severity", "Waiting for triage");
      assertThat(blocks.findValue("elements").toString())
          .contains("확인", "Tasklist에서 열기", "장애", "상태 페이지").doesNotContain("Acknowledge", "Open in Tasklist");
      assertThat(blocks.toString()).contains("갱신").doesNotContain("Updated ");
    } finally {
      notify.setLocale("en");
    }
  }

  @Test
  void aRetriedJobUpdatesWhatItAlreadyPostedInsteadOfPostingTwice() {
    // the central channel fails once, after the incident channel's card went out
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23incidents"))
        .inScenario("central").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
        .willReturn(aResponse().withStatus(500)));
    ProcessInstance instance = declare("Checkout timeouts");
    Job job = slackJob(instance);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("HTTP 500");
    assertThat(calls("chat.postMessage")).extracting(r -> field(r, "channel")).containsExactlyInAnyOrder("C0INC", "#incidents");

    moveClock(1);
    runDueJobs(instance);
    assertThat(calls("chat.postMessage")).extracting(r -> field(r, "channel"))
        .containsExactlyInAnyOrder("C0INC", "#incidents", "#incidents");
    assertThat(calls("chat.update")).singleElement().satisfies(r -> assertThat(field(r, "channel")).isEqualTo("C0INC"));
    assertThat(calls("conversations.create")).hasSize(1);
  }

  @Test
  void aCardSlackTookAfterTheAttemptGaveUpIsAdoptedByTheRetryAndNotPostedTwice() throws Exception {
    // Slack accepts the incident channel's card but answers after the adapter's timeout: as when the
    // node dies between Slack's answer and the commit of slack_delivery, the post is not recorded
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0INC"))
        .inScenario("late").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
        .willReturn(okJson("{\"ok\": true, \"channel\": \"C0INC\", \"ts\": \"1764540000.000300\"}")
            .withFixedDelay(3000)));
    ProcessInstance instance = declare("Checkout timeouts");
    String key = key(instance);
    Job job = slackJob(instance);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("could not be reached for chat.postMessage");
    LoggedRequest first = calls("chat.postMessage").stream().filter(r -> field(r, "channel").equals("C0INC"))
        .findFirst().orElseThrow();
    JsonNode metadata = json.readTree(field(first, "metadata"));
    assertThat(metadata.path("event_type").asText()).isEqualTo("firebreak_post");
    assertThat(metadata.path("event_payload").path("incident").asText()).isEqualTo(key);
    String marker = metadata.path("event_payload").path("marker").asText();
    assertThat(marker).isNotBlank();
    // Slack finished the post (WireMock's journal has its answer)
    Thread.sleep(1500);

    moveClock(1);
    runDueJobs(instance);
    // exactly one card reached the incident channel: the retry found it by its marker and adopted it
    assertThat(calls("chat.postMessage")).extracting(r -> field(r, "channel"))
        .containsExactlyInAnyOrder("C0INC", "#incidents");
    assertThat(calls("conversations.history")).singleElement().satisfies(r -> {
      assertThat(field(r, "channel")).isEqualTo("C0INC");
      assertThat(field(r, "include_all_metadata")).isEqualTo("1");
    });
    // the adopted card is redrawn in place (and every later update of the incident edits it)
    assertThat(calls("chat.update")).extracting(r -> field(r, "channel") + "/" + field(r, "ts"))
        .isNotEmpty().containsOnly("C0INC/1764540000.000300");
    assertThat(incidents.timeline(key)).filteredOn(e -> e.summary().startsWith("Slack card posted to #" + key.toLowerCase()))
        .singleElement().satisfies(e -> assertThat(e.details().path("ts").asText()).isEqualTo("1764540000.000300"));

    // from now on the adopted card is updated in place
    engine.getRuntimeService().createMessageCorrelation(IncidentProcess.MESSAGE_ALERT_UPDATED)
        .processInstanceBusinessKey(key).correlate();
    runDueJobs(instance);
    assertThat(calls("chat.postMessage")).hasSize(2);
    assertThat(calls("chat.update")).extracting(r -> field(r, "channel") + "/" + field(r, "ts"))
        .contains("C0INC/1764540000.000300");
  }

  @Test
  void aShortRateLimitIsWaitedOutAndALongOneRetriesTheJobAfterRetryAfter() throws Exception {
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0INC"))
        .inScenario("busy").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("short done")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
    ProcessInstance first = declare("Short rate limit");
    runDueJobs(first);
    // waited one second inside the job, then posted once
    assertThat(calls("chat.postMessage")).extracting(r -> field(r, "channel"))
        .containsExactlyInAnyOrder("C0INC", "C0INC", "#incidents");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(first.getId()).withException().count())
        .isZero();

    SLACK.resetRequests();
    SLACK.stubFor(post(urlEqualTo("/api/conversations.create"))
        .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0INC2\", \"name\": \"created\"}}")));
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0INC2"))
        .inScenario("busy").whenScenarioStateIs("short done").willSetStateTo("long done")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
    SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0INC2"))
        .inScenario("busy").whenScenarioStateIs("long done")
        .willReturn(okJson("{\"ok\": true, \"channel\": \"C0INC2\", \"ts\": \"1764540000.000300\"}")));
    ProcessInstance second = declare("Long rate limit");
    Job job = slackJob(second);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("rate-limits chat.postMessage (429)");
    // a retry before Retry-After has passed does not even call Slack
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("rate-limits chat.postMessage");
    assertThat(calls("chat.postMessage")).hasSize(1);
    Thread.sleep(3_100);
    moveClock(2);
    runDueJobs(second);
    assertThat(calls("chat.postMessage")).extracting(r -> field(r, "channel"))
        .containsExactlyInAnyOrder("C0INC2", "C0INC2", "#incidents");
  }

  @Test
  void whenSlackIsDownTheCircuitOpensJobsFailFastAndTheCardArrivesOnceSlackIsBack() throws Exception {
    SLACK.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(1)
        .willReturn(aResponse().withStatus(503)));
    ProcessInstance instance = declare("Slack outage");
    Job job = slackJob(instance);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
          .hasMessageContaining("HTTP 503");
      moveClock(1);
    }
    CircuitBreaker breaker = breakers.circuitBreaker("slack");
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    // what /actuator/prometheus exports as resilience4j_circuitbreaker_state{name="slack",state="open"}
    assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "slack").tag("state", "open").gauge())
        .isNotNull().satisfies(gauge -> assertThat(gauge.value()).isEqualTo(1.0));
    // open: the job fails without calling Slack, and keeps retries for later
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("circuit breaker 'slack' is OPEN");
    assertThat(calls("conversations.create")).hasSize(3);
    Job failed = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed.getRetries()).isPositive();

    // Slack is back; after the breaker's wait (half open) the retry goes through, and the card is posted once
    SLACK.resetAll();
    stubSlack();
    Thread.sleep(2_100);
    moveClock(1);
    runDueJobs(instance);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(calls("conversations.create")).hasSize(1);
    assertThat(calls("chat.postMessage")).extracting(r -> field(r, "channel")).containsExactlyInAnyOrder("C0INC", "#incidents");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).withException().count())
        .isZero();
  }

  // --- alert storms: the opening first, the card redrawn, one summarised update post per interval

  /** An Alertmanager webhook (version 4) of one alert of the group, as Alertmanager sends it. */
  String alertWebhook(String alertname, int instance, String status, Instant startsAt) {
    return """
        {"version": "4", "status": "%s", "receiver": "firebreak", "groupKey": "{}:{alertname=\\"%s\\"}",
         "groupLabels": {"alertname": "%s", "service": "payments"}, "commonLabels": {}, "commonAnnotations": {},
         "externalURL": "http://alertmanager.example:9093", "truncatedAlerts": 0,
         "alerts": [{"status": "%s", "labels": {"alertname": "%s", "service": "payments", "severity": "critical",
           "instance": "payments-%d"}, "annotations": {"summary": "Payments 5xx above 5%%"},
           "startsAt": "%s", "endsAt": "%s", "fingerprint": "%s-%d"}]}""".formatted(status, alertname, alertname,
        status, alertname, instance, startsAt, "resolved".equals(status) ? startsAt.plusSeconds(30) : "0001-01-01T00:00:00Z",
        alertname, instance);
  }

  void sendAlert(String body) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/alerts/alertmanager")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer slack-it-token").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  List<LoggedRequest> incidentChannelPosts() {
    return calls("chat.postMessage").stream().filter(r -> "C0INC".equals(field(r, "channel"))).toList();
  }

  /** Posts and card updates in the incident's channel, in the order Slack received them. */
  List<LoggedRequest> incidentChannelCalls() {
    return SLACK.getAllServeEvents().stream().map(e -> e.getRequest())
        .filter(r -> r.getUrl().equals("/api/chat.postMessage") || r.getUrl().equals("/api/chat.update"))
        .filter(r -> "C0INC".equals(field(r, "channel")))
        .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
  }

  @Test
  void fiftyAlertUpdatesInAMinuteGiveTheOpeningFirstCardUpdatesAndOneSummarisedUpdatePostPerInterval() throws Exception {
    String alertname = "Storm" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Instant startsAt = Instant.now().minusSeconds(30);
    sendAlert(alertWebhook(alertname, 0, "firing", startsAt));
    ProcessInstance instance = await().atMost(Duration.ofSeconds(20)).until(() -> engine.getRuntimeService()
        .createProcessInstanceQuery().processDefinitionKey("incident").variableValueEquals("title",
            "Payments 5xx above 5%").active().list().stream()
        .filter(p -> engine.getRuntimeService().getVariable(p.getId(), "alertCount") != null
            && incidents.timeline(key(p)).stream().anyMatch(e -> e.summary().contains(alertname)))
        .findFirst().orElse(null), java.util.Objects::nonNull);
    String key = key(instance);

    // 39 more alerts of the group (three of them resolving) arrive before Post to incident channel has run
    for (int i = 1; i < 40; i++) {
      sendAlert(alertWebhook(alertname, i, i % 10 == 0 ? "resolved" : "firing", startsAt));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> pendingAlertEvents() == 0);
    // the race of issue 12: the alert updates' jobs run first
    List<Job> updates = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("PostAlertUpdate").list();
    assertThat(updates).isNotEmpty();
    updates.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    assertThat(incidentChannelCalls()).as("nothing before the opening announcement").isEmpty();
    runDueJobs(instance);

    // the channel's first message is the opening announcement (the card); the waiting updates follow in one post
    await().atMost(Duration.ofSeconds(10)).until(() -> incidentChannelPosts().size() == 2);
    LoggedRequest first = incidentChannelCalls().get(0);
    assertThat(first.getUrl()).isEqualTo("/api/chat.postMessage");
    assertThat(field(first, "text")).startsWith("Post to incident channel — [").contains(key);
    assertThat(field(first, "blocks")).contains(key);
    LoggedRequest update = incidentChannelPosts().get(1);
    assertThat(update.getBodyAsString()).doesNotContain("blocks=");
    assertThat(field(update, "text")).startsWith("Alert update [SEV").contains(key + ": 36 alert(s) firing, 3 resolved "
        + "since the opening announcement; new labels: instance=payments-1, payments-2, payments-3 (+36 more)");

    // ten more within the minute: the card is redrawn in place each time, no second update post yet
    SLACK.resetRequests();
    for (int i = 40; i < 50; i++) {
      sendAlert(alertWebhook(alertname, i, "firing", startsAt));
      await().atMost(Duration.ofSeconds(20)).until(() -> pendingAlertEvents() == 0);
      runDueJobs(instance);
    }
    assertThat(calls("chat.update")).extracting(r -> field(r, "channel")).contains("C0INC")
        .allSatisfy(channel -> assertThat(channel).isIn("C0INC", "C0CENTRAL"));
    assertThat(calls("chat.update")).filteredOn(r -> field(r, "channel").equals("C0INC")).hasSizeGreaterThanOrEqualTo(1)
        .allSatisfy(r -> assertThat(field(r, "text")).startsWith("Post alert update — ["));
    assertThat(alertUpdates.postDue()).isZero();
    assertThat(incidentChannelPosts()).isEmpty();

    // when the interval has ended the rest is posted once, summarised; a second sweep posts nothing
    moveClock(6);
    // the sweep posts every incident whose interval ended: other tests' incidents of this context too
    assertThat(alertUpdates.postDue()).isPositive();
    assertThat(alertUpdates.postDue()).isZero();
    assertThat(incidentChannelPosts()).filteredOn(r -> field(r, "text").contains(key)).singleElement()
        .satisfies(r -> assertThat(field(r, "text"))
        .contains(key + ": 10 alert(s) firing, 0 resolved since the last update (6 min ago); new labels: "
            + "instance=payments-40, payments-41, payments-42 (+7 more)"));
    assertThat(incidents.timeline(key)).filteredOn(e -> e.summary().startsWith("Slack message posted to #"
        + key.toLowerCase() + ": Alert update")).hasSize(2);
    assertThat(calls("chat.postMessage")).noneMatch(r -> field(r, "channel").equals("#incidents"));
  }

  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  long pendingAlertEvents() {
    return jdbc.sql("SELECT COUNT(*) FROM alert_event WHERE processed = FALSE").query(Long.class).single();
  }

  // --- interactions

  HttpResponse<String> interact(String body, String timestamp, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/slack/interactions"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      request.header("X-Slack-Request-Timestamp", timestamp);
    }
    if (signature != null) {
      request.header("X-Slack-Signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> signed(String payload, Instant at) throws Exception {
    String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    String timestamp = Long.toString(at.getEpochSecond());
    return interact(body, timestamp, SlackSignature.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8)));
  }

  String click(String slackUser, String actionId, String key) {
    return """
        {"type": "block_actions", "user": {"id": "%s", "username": "someone"},
         "response_url": "%s/actions/reply", "channel": {"id": "C0INC"},
         "actions": [{"action_id": "%s", "type": "button", "value": "%s"}]}"""
        .formatted(slackUser, SLACK.baseUrl(), actionId, key);
  }

  @Test
  void unsignedWronglySignedAndStaleInteractionsAreRefused() throws Exception {
    String body = "payload=" + URLEncoder.encode(click("U0RESPOND", "acknowledge", "INC-2026-0001"), StandardCharsets.UTF_8);
    String now = Long.toString(Instant.now().getEpochSecond());

    HttpResponse<String> missing = interact(body, null, null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(missing.body()).contains("no Slack signature");

    HttpResponse<String> wrong = interact(body, now, SlackSignature.sign("not-the-secret", now, body.getBytes(StandardCharsets.UTF_8)));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("does not match");

    HttpResponse<String> tampered = interact(body.replace("U0RESPOND", "U0MANAGER"), now,
        SlackSignature.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8)));
    assertThat(tampered.statusCode()).isEqualTo(401);

    String old = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
    HttpResponse<String> stale = interact(body, old, SlackSignature.sign(SECRET, old, body.getBytes(StandardCharsets.UTF_8)));
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).contains("older than five minutes");
    assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/actions/reply")))).isEmpty();
  }

  @Test
  void acknowledgeClaimsTheTriageTaskRecordsTheTimeAndTellsOnlyTheClicker() throws Exception {
    ProcessInstance instance = declare("Payment API errors");
    runDueJobs(instance);
    String key = key(instance);
    assertThat(incidents.require(key).acknowledgedAt()).isNull();

    HttpResponse<String> response = signed(click("U0RESPOND", "acknowledge", key), Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);

    assertThat(task(instance, IncidentProcess.Elements.TRIAGE_INCIDENT).getAssignee()).isEqualTo("responder");
    assertThat(incidents.require(key).acknowledgedAt()).isNotNull();
    assertThat(incidents.require(key).status()).isEqualTo(IncidentStatus.TRIAGE);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals(
        "Acknowledged in Slack by Rae Responder; Triage incident claimed") && "responder".equals(e.actor()));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        SLACK.verify(postRequestedFor(urlEqualTo("/actions/reply"))
            .withRequestBody(matchingJsonPath("$.response_type", equalTo("ephemeral")))
            .withRequestBody(matchingJsonPath("$.replace_original", equalTo("false")))
            .withRequestBody(matchingJsonPath("$.text", containing("You acknowledged " + key)))));
    // both cards are redrawn: acknowledged, and no Acknowledge button any more
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(calls("chat.update"))
        .extracting(r -> field(r, "channel")).containsExactlyInAnyOrder("C0INC", "C0CENTRAL"));
    assertThat(calls("chat.update")).allSatisfy(r -> {
      assertThat(field(r, "blocks")).doesNotContain("\"action_id\":\"acknowledge\"").doesNotContain("_not yet_");
      assertThat(field(r, "text")).contains(key);
    });

    // a second click changes nothing
    signed(click("U0RESPOND", "acknowledge", key), Instant.now());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> SLACK.verify(postRequestedFor(urlEqualTo("/actions/reply"))
        .withRequestBody(matchingJsonPath("$.text", containing("You have already acknowledged " + key)))));
    assertThat(incidents.timeline(key)).filteredOn(e -> e.summary().startsWith("Acknowledged in Slack")).hasSize(1);
  }

  @Test
  void anUnknownSlackUserIsToldTheyAreNotInTheDirectoryAndNothingChanges() throws Exception {
    ProcessInstance instance = declare("Payment page slow");
    runDueJobs(instance);
    String key = key(instance);

    HttpResponse<String> response = signed(click("U0STRANGER", "acknowledge", key), Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        SLACK.verify(postRequestedFor(urlEqualTo("/actions/reply"))
            .withRequestBody(matchingJsonPath("$.response_type", equalTo("ephemeral")))
            .withRequestBody(matchingJsonPath("$.text", containing("is not in Firebreak's contact directory")))));
    assertThat(task(instance, IncidentProcess.Elements.TRIAGE_INCIDENT).getAssignee()).isNull();
    assertThat(incidents.require(key).acknowledgedAt()).isNull();
  }

  @Test
  void aClickerOutsideTheRespondersOrAfterSomeoneElseIsToldWhyAndNothingChanges() throws Exception {
    ProcessInstance instance = declare("Payment refunds failing");
    runDueJobs(instance);
    String key = key(instance);

    // Pat Payments (team-payments only) may not work on Triage incident
    signed(click("U0PAYDEV", "acknowledge", key), Instant.now());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> SLACK.verify(postRequestedFor(urlEqualTo("/actions/reply"))
        .withRequestBody(matchingJsonPath("$.text", equalTo(":no_entry: You (Pat Payments) may not work on *Triage incident*: "
            + "it is for the responders group. Nothing was acknowledged.")))));
    assertThat(task(instance, IncidentProcess.Elements.TRIAGE_INCIDENT).getAssignee()).isNull();
    assertThat(incidents.require(key).acknowledgedAt()).isNull();

    // once Rae Responder holds it, Pat is told who has it
    signed(click("U0RESPOND", "acknowledge", key), Instant.now());
    await().atMost(Duration.ofSeconds(5)).until(() -> incidents.require(key).acknowledgedAt() != null);
    signed(click("U0PAYDEV", "acknowledge", key), Instant.now());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> SLACK.verify(postRequestedFor(urlEqualTo("/actions/reply"))
        .withRequestBody(matchingJsonPath("$.text", containing(":information_source: Rae Responder has already taken "
            + "*Triage incident* for " + key + ": ")))));
    assertThat(task(instance, IncidentProcess.Elements.TRIAGE_INCIDENT).getAssignee()).isEqualTo("responder");

    // an incident Firebreak does not have
    signed(click("U0RESPOND", "acknowledge", "INC-1999-9999"), Instant.now());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> SLACK.verify(postRequestedFor(urlEqualTo("/actions/reply"))
        .withRequestBody(matchingJsonPath("$.text", equalTo(":warning: Firebreak has no incident INC-1999-9999.")))));
  }

  @Test
  void openInTasklistIsALinkAndOnlyNeedsTheAnswer() throws Exception {
    HttpResponse<String> response = signed(click("U0RESPOND", "open_tasklist", "INC-2026-0001"), Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);
    Thread.sleep(300);
    assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/actions/reply")))).isEmpty();
  }
}
