package dev.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customers hear at once (incident.bpmn's *Tell customers at once*, *Keep stakeholders informed*
 * and *Publish resolution notice*), with the engine clock: the first public notice within a minute
 * of declaration, under a public title of its own; hold with a reason; Resolved at the end.
 */
class PublicNoticePathsTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");
  static final List<String> COMMUNICATIONS = List.of("communications");

  @Autowired
  StatusPage statusPage;
  @Autowired
  Incidents incidents;
  @Autowired
  JdbcClient jdbc;

  ProcessInstance declare(Map<String, Object> variables) {
    return declareIncident("responder", RESPONDERS, variables);
  }

  /** SEV1, customer-facing (tier-1 checkout, all users). */
  static Map<String, Object> checkoutOutage() {
    return vars("title", "Checkout DB pool exhausted on db-primary-7", "service", "checkout",
        "incidentType", "outage", "impactScope", "all-users");
  }

  /** SEV3, customer-facing (search, one customer). */
  static Map<String, Object> slowSearchForOneCustomer() {
    return vars("title", "Merchant 4711 search timeouts", "service", "search",
        "incidentType", "degraded-performance", "impactScope", "single-customer");
  }

  StatusPage.PublicIncident onThePage(String key) {
    StatusPage.Snapshot snapshot = statusPage.snapshot();
    return java.util.stream.Stream.concat(snapshot.active().stream(), snapshot.history().stream())
        .filter(i -> i.id().equals(key.toLowerCase())).findFirst().orElse(null);
  }

  ComponentStatus component(String name) {
    return statusPage.snapshot().components().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow().status();
  }

  long statusUpdates(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM status_update WHERE incident_key = ?").param(key).query(Long.class).single();
  }

  @Test
  void sev1CustomerFacingIsOnTheStatusPageWithinAMinuteWithoutAnyoneApproving() {
    Instant declaredAt = ClockUtil.getCurrentTime().toInstant();
    ProcessInstance instance = declare(checkoutOutage());
    String key = incidentKey(instance);

    assertThat(hasTask(instance, "ApproveFirstNotice")).as("nobody is asked to approve the first notice").isFalse();
    StatusPage.PublicIncident published = onThePage(key);
    assertThat(published).as("the incident is on the status page").isNotNull();
    assertThat(published.title()).as("the public title, never the internal one").isEqualTo("Checkout unavailable");
    assertThat(published.status()).isEqualTo("investigating");
    assertThat(published.updates()).singleElement().satisfies(update -> {
      assertThat(update.message()).startsWith("Checkout is unavailable since ");
      assertThat(Duration.between(declaredAt, update.publishedAt())).isLessThan(Duration.ofMinutes(1));
    });
    assertThat(component("Checkout")).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(incidents.timeline(key)).as("not posted again in the channels: the card posted at the same moment says it")
        .noneMatch(e -> e.summary().contains("Status update (Investigating): Checkout is unavailable since"));

    // then the cadence: SEV1 every 30 minutes, drafted under the same public title
    moveClock(31);
    runDueJobs(instance);
    var next = task(instance, "ApprovePublicNotice");
    assertThat(engine.getTaskService().getVariable(next.getId(), "publicTitle")).isEqualTo("Checkout unavailable");
    assertThat(engine.getTaskService().getVariable(next.getId(), "noticeDecision")).isEqualTo("publish");

    // a false positive after all: dismissed, it no longer degrades Checkout
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "dismiss",
        "dismissReason", "Synthetic check misconfigured"));
    assertThat(onThePage(key).resolved()).isTrue();
  }

  @Test
  void sev3CustomerFacingAsksCommunicationsAtOnceWithADueTime() {
    ProcessInstance instance = declare(slowSearchForOneCustomer());
    String key = incidentKey(instance);

    var approve = task(instance, "ApproveFirstNotice");
    assertThat(approve.getDueDate()).as("due in 15 minutes")
        .isCloseTo(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 15 * 60_000), 5_000);
    assertThat(engine.getTaskService().getIdentityLinksForTask(approve.getId())).extracting(IdentityLink::getGroupId)
        .contains("communications");
    assertThat(engine.getTaskService().getVariable(approve.getId(), "publicTitle"))
        .isEqualTo("Search slower than usual");
    assertThat(statusUpdates(key)).as("nothing public before communications approve").isZero();

    complete(instance, "ApproveFirstNotice", "comms", COMMUNICATIONS, vars("publicTitle", "Search is slow for some",
        "statusPhase", "investigating", "statusMessage", "Search is slow for some customers.",
        "noticeDecision", "publish"));

    StatusPage.PublicIncident published = onThePage(key);
    assertThat(published.title()).isEqualTo("Search is slow for some");
    assertThat(published.updates()).extracting(StatusPage.Update::message).containsExactly("Search is slow for some customers.");

    moveClock(60);
    runDueJobs(instance);
    assertThat(hasTask(instance, "ApprovePublicNotice")).as("the cadence (every 4 hours) is not due yet").isFalse();
  }

  @Test
  void holdWithAReasonPublishesNothingAndTheNextTickAsksAgain() {
    ProcessInstance instance = declare(slowSearchForOneCustomer());
    String key = incidentKey(instance);
    var approve = task(instance, "ApproveFirstNotice");

    engine.getIdentityService().setAuthentication("comms", COMMUNICATIONS);
    try {
      assertThatThrownBy(() -> engine.getTaskService().complete(approve.getId(), vars("noticeDecision", "hold")))
          .as("hold needs a reason").hasMessageContaining("holdReason");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    complete(instance, "ApproveFirstNotice", "comms", COMMUNICATIONS, vars("noticeDecision", "hold",
        "holdReason", "Waiting for the merchant to confirm"));

    assertThat(statusUpdates(key)).as("nothing published").isZero();
    assertThat(onThePage(key)).isNull();
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary()
        .equals("Public notice held by comms: Waiting for the merchant to confirm") && "comms".equals(e.actor()));

    moveClock(4 * 60 + 1);
    runDueJobs(instance);
    var again = task(instance, "ApprovePublicNotice");
    assertThat(engine.getTaskService().getVariable(again.getId(), "noticeDecision")).as("a fresh draft").isEqualTo("publish");
    assertThat(engine.getTaskService().getVariable(again.getId(), "holdReason")).isNull();

    complete(instance, "ApprovePublicNotice", "comms", COMMUNICATIONS, vars("noticeDecision", "hold",
        "holdReason", "Still waiting"));
    assertThat(statusUpdates(key)).isZero();
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals("Public notice held by comms: Still waiting"));
  }

  @Test
  void resolutionPublishesResolvedAndTheComponentIsOperationalAgain() {
    ProcessInstance instance = declare(checkoutOutage());
    String key = incidentKey(instance);
    assertThat(component("Checkout")).isEqualTo(ComponentStatus.MAJOR_OUTAGE);

    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "manager", "overrideSeverity", false));
    complete(instance, "DiagnoseAndChooseRecovery", "responder", RESPONDERS, vars(
        "diagnosis", "Primary unhealthy", "recoveryStrategy", "failover"));
    complete(instance, "VerifyRecovery", "responder", RESPONDERS, vars(
        "recoveryVerified", "yes", "verificationNotes", "Standby serves traffic"));
    complete(instance, "ConfirmServiceRestored", "responder", RESPONDERS, vars(
        "serviceRestored", "yes", "resolutionSummary", "Failed over"));

    StatusPage.PublicIncident published = onThePage(key);
    assertThat(published.resolved()).isTrue();
    assertThat(published.status()).isEqualTo("resolved");
    assertThat(published.title()).isEqualTo("Checkout unavailable");
    assertThat(published.updates()).extracting(StatusPage.Update::phase).containsExactly("investigating", "resolved");
    assertThat(published.updates().get(1).message()).isEqualTo("Checkout is available again. We apologise for the disruption.");
    assertThat(statusPage.snapshot().active()).noneMatch(i -> i.id().equals(key.toLowerCase()));
    // other tests of this class leave checkout incidents open: only theirs may still degrade the component
    ComponentStatus stillOpen = statusPage.snapshot().active().stream().filter(i -> i.component().equals("Checkout"))
        .map(StatusPage.PublicIncident::componentStatus).reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worst);
    assertThat(component("Checkout")).as("a resolved incident no longer degrades its component")
        .isEqualTo(stillOpen);
    assertThat(statusUpdates(key)).as("once").isEqualTo(2);
  }

  /** Issue 11: a public incident dismissed at triage leaves a last notice in words, once. */
  @Test
  void aDismissedPublicIncidentLeavesAFinalNoticeAndTheComponentIsOperational() {
    ProcessInstance instance = declare(checkoutOutage());
    String key = incidentKey(instance);
    assertThat(onThePage(key).status()).isEqualTo("investigating");

    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "dismiss",
        "dismissReason", "Synthetic check misconfigured"));

    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance).isEnded()
        .hasPassed("PublishDismissalNotice", "IncidentDismissed");
    StatusPage.PublicIncident published = onThePage(key);
    assertThat(published.resolved()).isTrue();
    assertThat(published.status()).isEqualTo("resolved");
    assertThat(published.title()).as("under its public title").isEqualTo("Checkout unavailable");
    assertThat(published.updates()).extracting(StatusPage.Update::phase).containsExactly("investigating", "resolved");
    assertThat(published.updates().get(1).message()).isEqualTo("On closer inspection the problem reported for "
        + "Checkout was a false alarm: Checkout was not affected and works normally. We apologise for any concern.");
    assertThat(statusPage.snapshot().active()).noneMatch(i -> i.id().equals(key.toLowerCase()));
    assertThat(statusUpdates(key)).as("once").isEqualTo(2);
  }

  /** An incident that was never public is dismissed without a notice. */
  @Test
  void aDismissedInternalIncidentPublishesNothing() {
    ProcessInstance instance = declare(vars("title", "Batch job slow", "service", "search",
        "incidentType", "degraded-performance", "impactScope", "internal-only"));
    String key = incidentKey(instance);
    complete(instance, "TriageIncident", "responder", RESPONDERS, vars("triageOutcome", "dismiss",
        "dismissReason", "Expected load"));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance).isEnded()
        .hasPassed("PublishDismissalNotice");
    assertThat(statusUpdates(key)).isZero();
  }
}
