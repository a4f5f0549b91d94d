package dev.firebreak.notify.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.ChatChannel;
import dev.firebreak.notify.ChatMessage;
import dev.firebreak.notify.Notices;
import dev.firebreak.platform.ProcessTestSupport;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16, point 2: Microsoft Teams. The real application (H2, the real Teams adapter, the real
 * retry cycle of incident.bpmn) against WireMock standing for two Teams Workflows webhooks ("When a
 * Teams webhook request is received"), which answer 202 Accepted as Power Automate does. The
 * incidents' own channels and the drill channel go to Teams; the central channel has no webhook,
 * so it stays with the recording adapter (the choice is per channel). Slack is not configured.
 */
@DirtiesContext
class TeamsChatChannelIT extends ProcessTestSupport {

  static final WireMockServer TEAMS = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final String INCIDENT_HOOK = "/powerautomate/automations/direct/workflows/incidents/triggers/manual/paths/invoke";
  static final String DRILL_HOOK = "/powerautomate/automations/direct/workflows/drills/triggers/manual/paths/invoke";
  /** Real time that lets the test breaker's open wait elapse. */
  static final long BREAKER_WAIT_MS = 1200;

  static {
    // one fake Teams for this class; it ends with the test JVM
    TEAMS.start();
  }

  @DynamicPropertySource
  static void teams(DynamicPropertyRegistry registry) {
    registry.add("firebreak.teams.incident-webhook", () -> TEAMS.baseUrl() + INCIDENT_HOOK + "?api-version=1&sig=incidents-secret");
    registry.add("firebreak.teams.drill-webhook", () -> TEAMS.baseUrl() + DRILL_HOOK + "?api-version=1&sig=drills-secret");
    registry.add("firebreak.teams.max-rate-limit-wait", () -> "2s");
    registry.add("firebreak.teams.timeout", () -> "5s");
    registry.add("resilience4j.circuitbreaker.instances.teams.minimum-number-of-calls", () -> "3");
    registry.add("resilience4j.circuitbreaker.instances.teams.sliding-window-size", () -> "3");
    registry.add("resilience4j.circuitbreaker.instances.teams.wait-duration-in-open-state", () -> "1s");
  }

  @Autowired
  ChatChannel chat;
  @Autowired
  Notices notices;
  @Autowired
  Incidents incidents;
  @Autowired
  CircuitBreakerRegistry breakers;
  @Autowired
  ObjectMapper json;

  @BeforeEach
  void teamsIsUp() {
    TEAMS.resetAll();
    breakers.circuitBreaker("teams").reset();
    TEAMS.stubFor(post(urlPathEqualTo(INCIDENT_HOOK)).willReturn(aResponse().withStatus(202)));
    TEAMS.stubFor(post(urlPathEqualTo(DRILL_HOOK)).willReturn(aResponse().withStatus(202)));
  }

  ProcessInstance declare(String title) {
    // part of the users: a SEV2, which no level-2 escalation joins at once
    return startIncident("responder", List.of("responders"), vars(
        "title", title, "service", "payments", "incidentType", "database", "impactScope", "part-of-users"));
  }

  /** The Adaptive Cards Teams received on a webhook, in order (the "content" of each message). */
  List<JsonNode> cards(String hook) throws Exception {
    List<JsonNode> cards = new ArrayList<>();
    for (var request : TEAMS.findAll(postRequestedFor(urlPathEqualTo(hook)))) {
      assertThat(request.getHeader("Content-Type")).startsWith("application/json");
      JsonNode message = json.readTree(request.getBodyAsString());
      assertThat(message.path("type").asText()).isEqualTo("message");
      assertThat(message.path("attachments")).hasSize(1);
      JsonNode attachment = message.path("attachments").get(0);
      assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
      cards.add(attachment.path("content"));
    }
    return cards;
  }

  static List<String> texts(JsonNode card) {
    List<String> texts = new ArrayList<>();
    card.path("body").forEach(b -> {
      if ("TextBlock".equals(b.path("type").asText())) {
        texts.add(b.path("text").asText());
      }
    });
    return texts;
  }

  static String fact(JsonNode card, String title) {
    for (JsonNode block : card.path("body")) {
      for (JsonNode fact : block.path("facts")) {
        if (title.equals(fact.path("title").asText())) {
          return fact.path("value").asText();
        }
      }
    }
    return null;
  }

  static List<String> actions(JsonNode card) {
    List<String> actions = new ArrayList<>();
    card.path("actions").forEach(a -> actions.add(a.path("type").asText() + " " + a.path("title").asText() + " "
        + a.path("url").asText()));
    return actions;
  }

  static boolean isFollowUp(JsonNode card) {
    return texts(card).stream().anyMatch(t -> t.startsWith("Follow-up "));
  }

  List<TimelineEntry> teamsEntries(String key) {
    return incidents.timeline(key).stream().filter(e -> e.details() != null && "teams".equals(e.details().path("chat").asText())).toList();
  }

  @Test
  void anIncidentsCardReachesTeamsAsAnAdaptiveCardWithLinksBackToFirebreakAndTasklist() throws Exception {
    assertThat(chat).isInstanceOf(TeamsRouting.Router.class);
    ProcessInstance instance = declare("Payment DB connection failure");
    String key = incidentKey(instance);
    runDueJobs(instance);

    List<JsonNode> cards = cards(INCIDENT_HOOK);
    assertThat(cards).as("cards in the incidents' Teams channel").isNotEmpty();
    JsonNode card = cards.get(0);
    assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("version").asText()).isEqualTo("1.4");
    assertThat(isFollowUp(card)).as("the first card is the incident's card, not a follow-up").isFalse();
    assertThat(texts(card).get(0)).isEqualTo(key + " Payment DB connection failure");
    assertThat(fact(card, "Severity")).isEqualTo("SEV2");
    assertThat(fact(card, "Status")).isNotBlank();
    assertThat(fact(card, "Level")).isEqualTo("L1");
    assertThat(fact(card, "Service")).isEqualTo("payments");
    assertThat(fact(card, "Acknowledged")).isEqualTo("_not yet_");
    assertThat(texts(card)).anySatisfy(t -> assertThat(t).startsWith("**Latest:** ").contains(key));
    Task triage = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(IncidentProcess.Elements.TRIAGE_INCIDENT).singleResult();
    assertThat(actions(card)).containsExactly(
        "Action.OpenUrl Open in Tasklist http://localhost:8080/camunda/app/tasklist/default/#/?task=" + triage.getId(),
        "Action.OpenUrl Open in Firebreak http://localhost:8080/incidents/" + key,
        "Action.OpenUrl Status page http://localhost:8080/status");
    // every card Teams took is on the timeline once; none went to the drill channel
    assertThat(teamsEntries(key)).hasSize(cards.size()).first()
        .satisfies(e -> assertThat(e.summary()).startsWith("Teams card posted to #" + key.toLowerCase()));
    assertThat(cards.stream().filter(c -> !isFollowUp(c))).as("one incident card per channel").hasSize(1);
    assertThat(cards(DRILL_HOOK)).isEmpty();
    // the central channel has no Teams webhook: it stays with the recording adapter (chosen per channel)
    assertThat(incidents.timeline(key)).anySatisfy(e -> assertThat(e.summary())
        .startsWith("Chat (recorded, not sent) to #incidents"));
  }

  @Test
  void eachEventIsOneFollowUpCardNamingTheFirstAndARepeatPostsNothing() throws Exception {
    ProcessInstance instance = declare("Checkout timeouts");
    String key = incidentKey(instance);
    runDueJobs(instance);
    int before = cards(INCIDENT_HOOK).size();

    notices.postIncidentUpdate(key, "Mitigation started");
    // the same event again (a retried job, a second node, an update that changes nothing on the card)
    notices.postIncidentUpdate(key, "Mitigation started");
    notices.postIncidentUpdate(key, "Rollback finished");

    List<JsonNode> cards = cards(INCIDENT_HOOK);
    assertThat(cards).hasSize(before + 2);
    JsonNode mitigation = cards.get(before);
    JsonNode rollback = cards.get(before + 1);
    assertThat(texts(mitigation)).anySatisfy(t -> assertThat(t).matches("Follow-up \\d+ to the card posted 2\\d{3}-.*"));
    assertThat(texts(mitigation)).anySatisfy(t -> assertThat(t).contains("Mitigation started"));
    assertThat(texts(rollback)).anySatisfy(t -> assertThat(t).contains("Rollback finished"));
    // each follow-up names its number; the later one the higher
    assertThat(number(rollback)).isEqualTo(number(mitigation) + 1);
    assertThat(texts(mitigation).get(0)).isEqualTo(key + " Checkout timeouts");
    assertThat(teamsEntries(key)).filteredOn(e -> e.summary().startsWith("Teams follow-up card "))
        .extracting(e -> e.details().path("card").asInt()).contains(number(mitigation), number(rollback));
  }

  @Test
  void anAlertStormGivesOneFollowUpNotOneCardPerAlert() throws Exception {
    ProcessInstance instance = declare("Queue backlog");
    String key = incidentKey(instance);
    runDueJobs(instance);
    int before = cards(INCIDENT_HOOK).size();
    // twenty alert updates of an incident whose state does not change: the card would only be redrawn
    for (int i = 0; i < 20; i++) {
      notices.postAlertUpdate(key, "Post alert update", false);
    }
    List<JsonNode> cards = cards(INCIDENT_HOOK);
    assertThat(cards).hasSize(before + 1);
    assertThat(isFollowUp(cards.get(before))).isTrue();
  }

  static int number(JsonNode card) {
    return texts(card).stream().filter(t -> t.startsWith("Follow-up ")).findFirst()
        .map(t -> Integer.parseInt(t.split(" ")[1])).orElseThrow();
  }

  @Test
  void withTeamsDownTriageGoesOnAndTheCardArrivesOnceWhenTeamsIsBack() throws Exception {
    StubMapping outage = TEAMS.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
    ClockUtil.setCurrentTime(new Date());
    ProcessInstance instance = declare("Card service down");
    String key = incidentKey(instance);
    List<String> errors = runDueJobsTolerantly(instance);
    assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e).contains("Teams answered the webhook of #"
        + key.toLowerCase() + " with HTTP 503").doesNotContain("sig="));
    Job post = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(IncidentProcess.Elements.POST_TO_INCIDENT_CHANNEL).singleResult();
    assertThat(post.getRetries()).as("the post waits for its retry").isEqualTo(9);
    assertThat(post.getDuedate()).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 60_000), 1_000);
    // Triage was not held up: it is open and can be claimed while Teams is down
    Task triage = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(IncidentProcess.Elements.TRIAGE_INCIDENT).singleResult();
    assertThat(triage).isNotNull();
    engine.getTaskService().claim(triage.getId(), "responder");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();

    TEAMS.removeStub(outage.getId());
    TEAMS.resetRequests();
    Thread.sleep(BREAKER_WAIT_MS);
    moveClock(1);
    assertThat(runDueJobsTolerantly(instance)).isEmpty();
    List<JsonNode> cards = cards(INCIDENT_HOOK);
    assertThat(cards).isNotEmpty();
    assertThat(cards.stream().filter(c -> !isFollowUp(c))).as("the incident's card, once").hasSize(1);
    assertThat(isFollowUp(cards.get(0))).as("the incident's card comes first").isFalse();
    assertThat(teamsEntries(key).stream().filter(e -> e.details().path("card").asInt() == 0)).hasSize(1);
    ClockUtil.reset();
  }

  @Test
  void aRateLimitedWebhookIsWaitedOutAndTheCardPostedOnce() throws Exception {
    ProcessInstance instance = declare("Search slow");
    String key = incidentKey(instance);
    runDueJobs(instance);
    TEAMS.resetRequests();
    TEAMS.stubFor(post(urlPathEqualTo(INCIDENT_HOOK)).atPriority(1).inScenario("busy")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

    long start = System.nanoTime();
    notices.postIncidentUpdate(key, "Index rebuilt");
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(TEAMS.findAll(postRequestedFor(urlPathEqualTo(INCIDENT_HOOK)))).as("429, then the card").hasSize(2);
    assertThat(tookMs).as("Retry-After waited out").isGreaterThanOrEqualTo(900);
    assertThat(teamsEntries(key)).filteredOn(e -> e.summary().contains("Index rebuilt")).hasSize(1);
    assertThat(breakers.circuitBreaker("teams").getMetrics().getNumberOfFailedCalls()).as("a 429 is not Teams failing")
        .isZero();

    // a Retry-After longer than max-rate-limit-wait fails the attempt at once (the job retries later),
    // and until it has passed further cards fail without calling Teams
    TEAMS.stubFor(post(urlPathEqualTo(INCIDENT_HOOK)).atPriority(1).inScenario("busy")
        .whenScenarioStateIs("calm").willSetStateTo("calm again")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
    assertThatThrownBy(() -> notices.postIncidentUpdate(key, "Traffic shifted"))
        .isInstanceOf(TeamsRateLimitedException.class);
    int calls = TEAMS.findAll(postRequestedFor(urlPathEqualTo(INCIDENT_HOOK))).size();
    assertThatThrownBy(() -> notices.postIncidentUpdate(key, "Traffic shifted"))
        .isInstanceOf(TeamsRateLimitedException.class);
    assertThat(TEAMS.findAll(postRequestedFor(urlPathEqualTo(INCIDENT_HOOK)))).hasSize(calls);
    assertThat(breakers.circuitBreaker("teams").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    Thread.sleep(3100);
    notices.postIncidentUpdate(key, "Traffic shifted");
    assertThat(teamsEntries(key)).filteredOn(e -> e.summary().contains("Traffic shifted")).hasSize(1);
  }

  @Test
  void theBreakerOpensWhileTeamsFailsThenEveryEventArrivesOnce() throws Exception {
    ProcessInstance instance = declare("Login errors");
    String key = incidentKey(instance);
    runDueJobs(instance);
    TEAMS.resetRequests();
    breakers.circuitBreaker("teams").reset();
    StubMapping failing = TEAMS.stubFor(post(urlPathEqualTo(INCIDENT_HOOK)).atPriority(1)
        .willReturn(aResponse().withStatus(500)));
    List<String> events = List.of("Update 1", "Update 2", "Update 3", "Update 4");
    for (String event : events.subList(0, 3)) {
      assertThatThrownBy(() -> notices.postIncidentUpdate(key, event)).isInstanceOf(TeamsUnavailableException.class);
    }
    CircuitBreaker breaker = breakers.circuitBreaker("teams");
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    // open: the next call fails at once, without reaching Teams
    assertThatThrownBy(() -> notices.postIncidentUpdate(key, events.get(3)))
        .isInstanceOf(OutsideSystemUnavailableException.class).hasMessageContaining("circuit breaker 'teams'");
    assertThat(TEAMS.findAll(postRequestedFor(urlPathEqualTo(INCIDENT_HOOK)))).hasSize(3);

    // Teams is back: the retries (as the jobs would retry them) post each event once, in order
    TEAMS.removeStub(failing.getId());
    Thread.sleep(BREAKER_WAIT_MS);
    for (String event : events) {
      notices.postIncidentUpdate(key, event);
    }
    for (String event : events) {
      notices.postIncidentUpdate(key, event);
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    List<JsonNode> accepted = cards(INCIDENT_HOOK).subList(3, cards(INCIDENT_HOOK).size());
    assertThat(accepted).hasSize(4);
    for (int i = 0; i < 4; i++) {
      String event = events.get(i);
      assertThat(texts(accepted.get(i))).as("card %d", i).anySatisfy(t -> assertThat(t).contains(event));
    }
    assertThat(number(accepted.get(3))).isEqualTo(number(accepted.get(0)) + 3);
  }

  @Test
  void drillsGoOnlyToTheDrillChannel() throws Exception {
    // a drill as drill.bpmn runs it: planned by a manager, then a flagged incident
    List<String> managers = List.of("incident-managers", "responders");
    engine.getIdentityService().setAuthentication("manager", managers);
    ProcessInstance drill;
    try {
      drill = engine.getRuntimeService().startProcessInstanceByKey("drill");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    complete(drill, "PlanDrillScenario", "manager", managers, vars(
        "drillScenario", "payment-db-connection", "drillParticipants", "responder, payments-dev"));
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(drill.getId()).singleResult();
    String key = incidentKey(instance);
    runDueJobs(drill);
    String title = incidents.require(key).title();

    List<JsonNode> cards = cards(DRILL_HOOK);
    assertThat(cards).as("cards in the drill channel").isNotEmpty();
    JsonNode card = cards.get(0);
    assertThat(texts(card).get(0)).isEqualTo("[DRILL] " + key + " " + title);
    assertThat(texts(card)).anySatisfy(t -> assertThat(t).endsWith("This is a drill."));
    assertThat(actions(card)).noneSatisfy(a -> assertThat(a).contains("/status"));
    assertThat(cards(INCIDENT_HOOK)).as("nothing of the drill in the incidents' channel").isEmpty();

    // even a drill message addressed to the incident's own channel never reaches the incidents' webhook
    chat.post(new ChatMessage(key, "#" + key.toLowerCase(), "[DRILL] misrouted", true));
    assertThat(cards(INCIDENT_HOOK)).isEmpty();
    assertThat(incidents.timeline(key)).anySatisfy(e -> assertThat(e.summary())
        .isEqualTo("Not posted to Teams: a drill goes only to the drill channel, not #" + key.toLowerCase()));
  }
}
