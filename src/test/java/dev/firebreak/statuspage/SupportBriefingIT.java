package dev.firebreak.statuspage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.firebreak.incident.AlertSeverity;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentDeclaration;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.platform.Browser;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The support centre and social media (issue 17.3), through the real process: every published public
 * notice briefs the support centre — on /support (support group only), by e-mail (GreenMail) and on
 * the help-desk webhook (WireMock, signed like the subscriber webhooks) — and the social post
 * communications approve in *Approve public notice* is published on Mastodon (WireMock) once, with
 * the same Idempotency-Key on a retry. Drills reach none of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
    "firebreak.support.email=support-desk@example.com",
    "firebreak.support.webhook-secret=help-desk-secret",
    "firebreak.support.retry-initial=100ms",
    "firebreak.support.poll-interval=1h",
    "firebreak.social.mastodon.access-token=mastodon-token",
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class SupportBriefingIT {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  static WireMockServer remote = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  static {
    remote.start();
  }

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("firebreak.support.webhook-url", () -> remote.baseUrl() + "/help-desk");
    registry.add("firebreak.social.mastodon.base-url", () -> remote.baseUrl() + "/");
  }

  @AfterAll
  static void stop() {
    remote.stop();
  }

  @LocalServerPort
  int port;
  @Autowired
  SupportBriefings briefings;
  @Autowired
  SupportOutbox outbox;
  @Autowired
  Incidents incidents;
  @Autowired
  RuntimeService runtime;
  @Autowired
  JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();
  LifecycleClient client;

  @BeforeAll
  static void stubs() {
    remote.stubFor(post(urlEqualTo("/help-desk")).willReturn(aResponse().withStatus(202)));
    // Mastodon is away on the first try, then takes the post
    remote.stubFor(post(urlEqualTo("/api/v1/statuses")).inScenario("mastodon").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    remote.stubFor(post(urlEqualTo("/api/v1/statuses")).inScenario("mastodon").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"109876543210\",\"url\":\"https://mastodon.example/@status/109876543210\"}")));
  }

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  @Test
  void everyPublishedNoticeBriefsSupportAndTheApprovedPostGoesToMastodonOnce() throws Exception {
    var declared = client.post("responder", "/api/incidents", Map.of("title", "db-primary-7 pool exhausted (internal)",
        "service", "payments", "incidentType", "outage", "impactScope", "all-users",
        "description", "internal: pool size 10"));
    String key = declared.body().path("incident").path("key").asText();
    String processInstanceId = declared.body().path("incident").path("processInstanceId").asText();

    // the first notice (published from the template at once) already briefs support
    MimeMessage first = awaitMail("Payments is unavailable since");
    String firstText = GreenMailUtil.getBody(first);
    assertThat(first.getSubject()).contains("Support briefing: Payments unavailable (Investigating)");
    assertThat(firstText).contains("What to tell callers:", "are investigating it now", "Next update: expected by",
        "/status");
    LoggedRequest firstHook = await("help-desk call", () -> remote.findAll(postRequestedFor(urlEqualTo("/help-desk")))
        .stream().findFirst().orElse(null));
    String timestamp = firstHook.getHeader("X-Firebreak-Timestamp");
    assertThat(firstHook.getHeader("X-Firebreak-Signature")).as("signed like the subscriber webhooks")
        .isEqualTo("sha256=" + WebhookSender.sign("help-desk-secret", timestamp + "." + firstHook.getBodyAsString()));
    JsonNode hook = json.readTree(firstHook.getBodyAsString());
    assertThat(hook.path("type").asText()).isEqualTo("support.briefing");
    assertThat(hook.path("title").asText()).isEqualTo("Payments unavailable");
    assertThat(hook.path("tellCallers").asText()).contains("investigating");
    assertThat(hook.path("nextUpdateAt").asText()).isNotBlank();
    assertThat(hook.path("statusPage").asText()).endsWith("/status");
    assertThat(firstHook.getBodyAsString()).as("nothing internal").doesNotContain("db-primary-7", "pool size");
    assertThat(remote.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses"))))
        .as("the first notice was not approved for social: no post").isEmpty();

    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "complexity", "low", "commander", "manager", "overrideSeverity", false));
    client.fireTimer("admin", processInstanceId, "StatusUpdateTimer");
    String taskId = client.awaitTask("comms", key, "ApprovePublicNotice");
    JsonNode form = client.get("comms", "/engine-rest/task/" + taskId + "/form-variables").body();
    String draft = form.path("socialPost").path("value").asText();
    assertThat(draft).as("the social post draft, prefilled within Mastodon's 500 characters")
        .startsWith("Payments unavailable: ").endsWith("/status").hasSizeLessThanOrEqualTo(500);
    assertThat(form.path("postToSocial").path("value").asBoolean()).as("not posted unless ticked").isFalse();
    String approvedPost = "Payments are failing for some customers. We found the cause and are fixing it. "
        + "Updates: https://status.example/status";
    var done = client.work("comms", taskId, Map.of("publicTitle", "Payments unavailable", "statusPhase", "identified",
        "statusMessage", "We found the cause of the failing payments and are fixing it.", "noticeDecision", "publish",
        "socialPost", approvedPost, "postToSocial", true));
    assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(204);

    awaitMail("We found the cause of the failing payments");
    await("two help-desk calls", () -> remote.findAll(postRequestedFor(urlEqualTo("/help-desk"))).size() == 2
        ? true : null);
    // Mastodon answered 503 first: the outbox retries with the same Idempotency-Key
    await("the post on Mastodon", () -> {
      outbox.dispatchDue();
      return outbox.counts(key, SupportBriefings.MASTODON).get("sent") == 1 ? true : null;
    });
    List<LoggedRequest> posts = remote.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")));
    assertThat(posts).hasSize(2);
    assertThat(posts).allSatisfy(p -> {
      assertThat(p.getHeader("Authorization")).isEqualTo("Bearer mastodon-token");
      assertThat(p.getHeader("Idempotency-Key")).isEqualTo(posts.get(0).getHeader("Idempotency-Key")).isNotBlank();
    });
    assertThat(json.readTree(posts.get(1).getBodyAsString()).path("status").asText()).isEqualTo(approvedPost);
    assertThat(jdbc.sql("SELECT remote_id FROM support_outbox WHERE incident_key = ? AND channel = 'mastodon'")
        .param(key).query(String.class).single()).isEqualTo("109876543210");
    outbox.dispatchDue();
    assertThat(remote.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")))).as("posted once").hasSize(2);

    // a re-run of the same publishing job briefs nobody again
    String jobKey = jdbc.sql("SELECT job_key FROM support_briefing WHERE incident_key = ? ORDER BY id DESC")
        .param(key).query(String.class).list().get(0);
    assertThat(briefings.brief(key, "identified", "Payments unavailable", "again", jobKey, "R/PT30M", "again", true))
        .isFalse();
    outbox.dispatchDue();
    assertThat(remote.findAll(postRequestedFor(urlEqualTo("/help-desk")))).hasSize(2);

    // /support: the support group reads the latest briefing; Korean too; responders may not
    HttpResponse<String> page = page("support", "/support");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Support briefing", "We found the cause of the failing payments",
        "We have found the cause of", "Expected by", "/status", approvedPost);
    assertThat(page("support", "/support?lang=ko").body()).contains("고객센터 브리핑", "문의 고객 응대");
    assertThat(page("responder", "/support").statusCode()).isEqualTo(403);
    assertThat(page("support", "/engine-rest/task").statusCode()).as("no Camunda rights").isIn(200, 403);
    assertThat(client.get("support", "/engine-rest/task").body().size()).as("support sees no tasks").isZero();

    try (Browser browser = Browser.open(390, 844)) {
      browser.go("http://localhost:" + port + "/login");
      browser.signIn("support", "demo");
      browser.go("http://localhost:" + port + "/support");
      browser.await(Duration.ofSeconds(10), "the briefing", () -> browser.text("article.briefing") != null);
      assertThat(browser.text("article.briefing .callers")).contains("We have found the cause");
      assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth + 1;")
          .asBoolean()).as("fits a phone's width").isTrue();
      Path shot = browser.screenshot("support-briefing-phone.png");
      assertThat(Files.size(shot)).isPositive();
    }
  }

  @Test
  void drillsNeverReachSupportOrSocial() throws Exception {
    IncidentDeclaration drill = new IncidentDeclaration("[DRILL] Payments DB down", "payments", IncidentType.OUTAGE,
        ImpactScope.ALL_USERS, null, null, false, AlertSeverity.CRITICAL, "drill", null, true,
        IncidentDeclaration.SOURCE_DRILL);
    String processInstanceId = runtime.startProcessInstanceByKey("incident", drill.toVariables())
        .getId();
    String key = await("the drill incident", () -> incidents.keyOfProcessInstance(processInstanceId).orElse(null));
    int mails = smtp.getReceivedMessages().length;
    int hooks = remote.findAll(postRequestedFor(urlEqualTo("/help-desk"))).size();
    int posts = remote.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses"))).size();

    assertThat(briefings.brief(key, "investigating", "Payments unavailable", "Drill notice", "drill-job-1", "R/PT30M",
        "Drill post", true)).isFalse();
    outbox.dispatchDue();
    Thread.sleep(1000);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM support_briefing WHERE incident_key = ?").param(key)
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM support_outbox WHERE incident_key = ?").param(key)
        .query(Long.class).single()).isZero();
    assertThat(smtp.getReceivedMessages()).hasSize(mails);
    assertThat(remote.findAll(postRequestedFor(urlEqualTo("/help-desk")))).hasSize(hooks);
    assertThat(remote.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")))).hasSize(posts);
    assertThat(page("support", "/support").body()).doesNotContain("Drill notice");
  }

  private HttpResponse<String> page(String user, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
            .getBytes(StandardCharsets.UTF_8))).GET().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private MimeMessage awaitMail(String text) throws Exception {
    return await("a briefing mail with '" + text + "'", () -> {
      for (MimeMessage message : smtp.getReceivedMessagesForDomain("support-desk@example.com")) {
        if (GreenMailUtil.getBody(message).contains(text)) {
          return message;
        }
      }
      return null;
    });
  }

  private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < until) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Timed out waiting for " + what);
  }
}
