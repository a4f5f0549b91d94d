package dev.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * *Approve public notice* carries the social post draft (issue 17.3b) and each published notice
 * briefs the support centre once (17.3a), with the approved post only when communications tick it.
 */
class SupportBriefingPathsTest extends ProcessTestSupport {

  static final List<String> COMMUNICATIONS = List.of("communications");

  @Autowired
  JdbcClient jdbc;

  /** SEV3, customer-facing (search, one customer): communications approve the first notice. */
  ProcessInstance declareSlowSearch() {
    return declareIncident("responder", List.of("responders"), vars("title", "Merchant 4711 search timeouts",
        "service", "search", "incidentType", "degraded-performance", "impactScope", "single-customer"));
  }

  List<Map<String, Object>> briefings(String key) {
    return jdbc.sql("SELECT phase, public_title, message, callers, next_update_at, status_url, social_post"
        + " FROM support_briefing WHERE incident_key = ? ORDER BY id").param(key).query().listOfRows();
  }

  @Test
  void theApprovedSocialPostIsOnTheBriefing() {
    ProcessInstance instance = declareSlowSearch();
    String key = incidentKey(instance);
    var approve = task(instance, "ApproveFirstNotice");
    String draft = (String) engine.getTaskService().getVariable(approve.getId(), "socialPost");
    assertThat(draft).startsWith("Search slower than usual: ").endsWith("/status")
        .hasSizeLessThanOrEqualTo(500);
    assertThat(engine.getTaskService().getVariable(approve.getId(), "postToSocial")).isEqualTo(false);
    assertThat(briefings(key)).as("nothing before communications approve").isEmpty();

    complete(instance, "ApproveFirstNotice", "comms", COMMUNICATIONS, vars("publicTitle", "Search is slow for some",
        "statusPhase", "investigating", "statusMessage", "Search is slow for some customers.",
        "noticeDecision", "publish", "socialPost", "Search is slow for some customers. https://status.example/status",
        "postToSocial", true));
    runDueJobs(instance);

    assertThat(briefings(key)).singleElement().satisfies(b -> {
      assertThat(b.get("public_title")).isEqualTo("Search is slow for some");
      assertThat(b.get("message")).isEqualTo("Search is slow for some customers.");
      assertThat((String) b.get("callers")).contains("\"Search is slow for some\"", "investigating");
      assertThat(b.get("next_update_at")).as("SEV3: every 4 hours").isNotNull();
      assertThat((String) b.get("status_url")).endsWith("/status");
      assertThat(b.get("social_post")).isEqualTo("Search is slow for some customers. https://status.example/status");
    });
  }

  @Test
  void aPostNotTickedIsNotKept() {
    ProcessInstance instance = declareSlowSearch();
    String key = incidentKey(instance);
    complete(instance, "ApproveFirstNotice", "comms", COMMUNICATIONS, vars("publicTitle", "Search is slow for some",
        "statusPhase", "investigating", "statusMessage", "Search is slow for some customers.",
        "noticeDecision", "publish", "postToSocial", false));
    runDueJobs(instance);
    assertThat(briefings(key)).singleElement().satisfies(b -> assertThat(b.get("social_post")).isNull());
  }
}
