package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.ProcessTestSupport;
import dev.firebreak.platform.resilience.Breakers;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mail outbox against a real SMTP server (GreenMail): a page is written in the job's
 * transaction and sent after commit, so a job re-run after a failure, or two runs of one job at
 * once (an optimistic-locking conflict), deliver exactly one e-mail, with one Message-ID on every
 * attempt; every send and every failed attempt is on the timeline with its time; with SMTP down
 * the page waits and arrives later; past the last attempt Cockpit and the timeline say so.
 */
@DirtiesContext
class MailOutboxIT extends ProcessTestSupport {

  static final int SMTP_PORT = freePort();
  static GreenMail smtp;
  static final java.util.concurrent.atomic.AtomicBoolean SLACK_DOWN = new java.util.concurrent.atomic.AtomicBoolean();

  @org.springframework.boot.test.context.TestConfiguration
  static class Chat {
    /** The chat port, down on demand (as Slack answering 503 would leave it); otherwise it takes the post. */
    @org.springframework.context.annotation.Bean
    @org.springframework.context.annotation.Primary
    ChatChannel flakyChat() {
      return message -> {
        if (SLACK_DOWN.get()) {
          throw new IllegalStateException("Slack is down (test)");
        }
      };
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    // the outbox's own thread waits; the tests send at once (dispatchDue) and move the clock
    registry.add("firebreak.notify.mail-outbox.poll-interval", () -> "1h");
  }

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @Autowired
  JdbcClient jdbc;
  @Autowired
  Incidents incidents;
  @Autowired
  JavaMailSenderImpl mailSender;
  @Autowired
  TransactionTemplate transactions;
  @Autowired
  NotifyProperties notify;
  @Autowired
  Breakers breakers;

  @BeforeEach
  void clean() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    mailSender.setPort(SMTP_PORT);
    breakers.breaker(Breakers.SMTP).reset();
  }

  @AfterEach
  void restore() {
    mailSender.setPort(SMTP_PORT);
    notify.getMailOutbox().setMaxAttempts(10);
    breakers.breaker(Breakers.SMTP).reset();
  }

  @Test
  void aPageJobRolledBackAfterTheOutboxWriteAndRunAgainDeliversOneMailWithOneMessageId() throws Exception {
    ProcessInstance instance = startIncident("responder", List.of("responders"), declaration("Ledger DB failover"));
    String key = incidentKey(instance);
    Job page = pageJob(instance);

    // the job runs, writes the page to the outbox, then its transaction fails (a failure after the
    // write, a conflict at commit): the row goes with it and nothing is sent
    transactions.executeWithoutResult(status -> {
      engine.getManagementService().executeJob(page.getId());
      assertThat(rows(key)).as("written in the job's transaction").hasSize(1);
      status.setRollbackOnly();
    });
    mailOutbox.dispatchDue();
    assertThat(rows(key)).isEmpty();
    assertThat(pages(key)).as("nothing sent for a rolled-back job").isEmpty();

    // the job again (same job, same message key): one page
    engine.getManagementService().executeJob(page.getId());
    runDueJobs(instance);
    mailOutbox.dispatchDue();
    List<MimeMessage> received = pages(key);
    assertThat(received).hasSize(1);
    List<Map<String, Object>> rows = rows(key);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("message_key").toString()).startsWith("job:" + page.getId() + "/");
    assertThat(received.get(0).getMessageID()).isEqualTo(rows.get(0).get("message_id"))
        .matches("<[0-9a-f]{32}@[A-Za-z0-9.-]+>");
    assertThat(Arrays.stream(received.get(0).getAllRecipients()).map(Object::toString))
        .containsExactlyInAnyOrder("responder@firebreak.example", "manager@firebreak.example");

    // the timeline shows the one send, with its time and Message-ID
    List<TimelineEntry> sent = incidents.timeline(key).stream()
        .filter(e -> e.summary().startsWith("E-mail sent to ") && e.summary().contains("needs triage")).toList();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).summary()).matches("E-mail sent to .* at \\d\\d:\\d\\d:\\d\\d: .*");
    assertThat(sent.get(0).details().path("messageId").asText()).isEqualTo(received.get(0).getMessageID());
    assertThat(sent.get(0).details().path("sentAt").asText()).isNotBlank();
    assertThat(sent.get(0).details().path("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void twoRunsOfOnePageJobAtOnceDeliverOneMail() throws Exception {
    ProcessInstance instance = startIncident("responder", List.of("responders"), declaration("Cache cluster split"));
    String key = incidentKey(instance);
    Job page = pageJob(instance);

    // two nodes run the same job (its lock expired on one): one commits, the other conflicts
    CyclicBarrier together = new CyclicBarrier(2);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread node = new Thread(() -> {
        try {
          together.await(10, TimeUnit.SECONDS);
          engine.getManagementService().executeJob(page.getId());
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      node.start();
      nodes.add(node);
    }
    for (Thread node : nodes) {
      node.join(30_000);
    }
    assertThat(failures).as("one of the two runs lost").hasSizeLessThanOrEqualTo(1);
    runDueJobs(instance);
    mailOutbox.dispatchDue();
    assertThat(pages(key)).hasSize(1);
    assertThat(rows(key)).hasSize(1);
  }

  @Test
  void theSameJobWritingTheSameMessageTwiceStoresItOnce() throws Exception {
    ProcessInstance instance = startIncident("responder", List.of("responders"), declaration("Queue backlog"));
    String key = incidentKey(instance);
    Job page = pageJob(instance);
    // what a re-run of one job does: the same job id, the same recipients and subject
    for (int run = 0; run < 2; run++) {
      ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
          .getCommandExecutorTxRequired().execute(context -> {
            context.setCurrentJob(context.getJobManager().findJobById(page.getId()));
            mailOutbox.enqueue(key, List.of("responder@firebreak.example"), "[SEV1] " + key + " needs triage: re-run", "body",
                false, null);
            return null;
          });
    }
    assertThat(rows(key)).hasSize(1);
    mailOutbox.dispatchDue();
    assertThat(pages(key)).hasSize(1);
  }

  @Test
  void withSlackDownPastItsRetriesCockpitAndTheTimelineSaySoAndTheResponseGoesOn() throws Exception {
    SLACK_DOWN.set(true);
    try {
      ProcessInstance instance = startIncident("responder", List.of("responders"), declaration("Slack outage day"));
      String key = incidentKey(instance);
      assertThat(hasTask(instance, "TriageIncident")).as("triage at once").isTrue();
      Job post = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .activityId("PostToIncidentChannel").singleResult();
      for (int attempt = 0; attempt < 10; attempt++) {
        assertThatThrownBy(() -> engine.getManagementService().executeJob(post.getId()))
            .hasMessageContaining("Slack is down");
        moveClock(2);
      }
      assertThat(engine.getManagementService().createJobQuery().jobId(post.getId()).singleResult().getRetries())
          .isZero();
      SLACK_DOWN.set(false); // Slack is back; the channel post stays failed until someone retries it in Cockpit
      runDueJobs(instance); // the page and everything else still runs

      assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
          .incidentType(Incident.FAILED_JOB_HANDLER_TYPE).activityId("PostToIncidentChannel").count()).isEqualTo(1);
      assertThat(incidents.timeline(key)).anyMatch(e -> TimelineEntry.Kind.FAILURE.equals(e.kind())
          && e.summary().startsWith("'PostToIncidentChannel' failed after all retries"));
      assertThat(pages(key)).as("the page went out meanwhile").hasSize(1);

      complete(instance, "TriageIncident", "responder", List.of("responders"), vars("triageOutcome", "acknowledge",
          "complexity", "low", "commander", "manager", "overrideSeverity", false));
      assertThat(hasTask(instance, "DiagnoseAndChooseRecovery")).as("the response goes on").isTrue();
    } finally {
      SLACK_DOWN.set(false);
    }
  }

  @Test
  void withSmtpDownThePageWaitsIsRetriedOnTheTimelineAndArrivesOnceWithTheSameMessageId() throws Exception {
    mailSender.setPort(freePort()); // nobody listens there: connection refused
    ProcessInstance instance = startIncident("responder", List.of("responders"), declaration("Search index lost"));
    assertThat(hasTask(instance, "TriageIncident")).as("triage at once, before any channel job").isTrue();
    runDueJobs(instance);
    String key = incidentKey(instance);
    assertThat(hasTask(instance, "TriageIncident")).as("the response goes on").isTrue();
    assertThat(pages(key)).isEmpty();
    Map<String, Object> row = rows(key).get(0);
    assertThat(row.get("sent_at")).isNull();
    assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
    assertThat(row.get("last_error").toString()).contains("failed");
    List<TimelineEntry> retries = incidents.timeline(key).stream()
        .filter(e -> e.summary().contains("not sent (attempt 1 of 10)")).toList();
    assertThat(retries).hasSize(1);
    assertThat(retries.get(0).summary()).contains("next try at");
    assertThat(retries.get(0).details().path("nextAttemptAt").asText()).isNotBlank();

    // not yet due: nothing happens
    mailOutbox.dispatchDue();
    assertThat(((Number) rows(key).get(0).get("attempts")).intValue()).isEqualTo(1);

    mailSender.setPort(SMTP_PORT);
    moveClock(1); // past the first backoff (30 s)
    assertThat(mailOutbox.dispatchDue()).isEqualTo(1);
    List<MimeMessage> received = pages(key);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).getMessageID()).isEqualTo(row.get("message_id"));
    assertThat(incidents.timeline(key)).filteredOn(e -> e.summary().startsWith("E-mail sent to "))
        .singleElement().satisfies(e -> assertThat(e.details().path("attempt").asInt()).isEqualTo(2));
    moveClock(60);
    mailOutbox.dispatchDue();
    assertThat(pages(key)).as("sent once").hasSize(1);
  }

  @Test
  void aPageThatCannotBeSentAfterAllAttemptsLeavesACockpitIncidentAndATimelineEntry() throws Exception {
    notify.getMailOutbox().setMaxAttempts(2);
    mailSender.setPort(freePort());
    ProcessInstance instance = declareIncident("responder", List.of("responders"), declaration("Billing export stuck"));
    String key = incidentKey(instance);
    moveClock(1);
    mailOutbox.dispatchDue();
    assertThat(rows(key).get(0).get("failed_at")).isNotNull();
    List<Incident> cockpit = engine.getRuntimeService().createIncidentQuery().incidentType(MailOutbox.INCIDENT_TYPE)
        .processInstanceId(instance.getId()).list();
    assertThat(cockpit).hasSize(1);
    assertThat(cockpit.get(0).getIncidentMessage()).contains("not sent after 2 attempts");
    assertThat(incidents.timeline(key)).filteredOn(e -> TimelineEntry.Kind.FAILURE.equals(e.kind()))
        .anyMatch(e -> e.summary().contains("not sent after 2 attempts")
            && e.details().path("camundaIncident").asText().equals(cockpit.get(0).getId()));
    assertThat(hasTask(instance, "TriageIncident")).as("the response goes on").isTrue();
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aSilentSmtpServerFailsTheSendWithinItsTimeoutWellUnderTheJobLock() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // accepts, never greets
          }
        } catch (java.io.IOException e) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      mailSender.setPort(silent.getLocalPort());
      long started = System.nanoTime();
      assertThatThrownBy(() -> mailSender.send(mailSender.createMimeMessage()))
          .isInstanceOf(org.springframework.mail.MailException.class);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isLessThan(Duration.ofSeconds(20)).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  /** Part of the users: a SEV2, whose page to the responders is its only e-mail (a SEV1 also pages the payments
   *  on-call person at once, level 2, which EscalationPathsTest follows). */
  private Map<String, Object> declaration(String title) {
    return vars("title", title, "service", "payments", "incidentType", "database", "impactScope", "part-of-users");
  }

  private Job pageJob(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("PageOnCall").singleResult();
  }

  private List<Map<String, Object>> rows(String key) {
    return jdbc.sql("SELECT * FROM mail_outbox WHERE incident_key = ? AND subject LIKE '%needs triage%' ORDER BY id")
        .param(key).query().listOfRows().stream().map(MailOutboxIT::lower).toList();
  }

  private static Map<String, Object> lower(Map<String, Object> row) {
    Map<String, Object> lower = new java.util.HashMap<>();
    row.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    return lower;
  }

  /** The pages of this incident in the responder's own mailbox (one copy per delivery). */
  private List<MimeMessage> pages(String key) throws Exception {
    List<MimeMessage> pages = new ArrayList<>();
    com.icegreen.greenmail.user.GreenMailUser user = smtp.getUserManager().getUserByEmail("responder@firebreak.example");
    if (user == null) {
      return pages;
    }
    for (com.icegreen.greenmail.store.StoredMessage stored : smtp.getManagers().getImapHostManager().getInbox(user)
        .getMessages()) {
      MimeMessage message = stored.getMimeMessage();
      if (message.getSubject().contains(key) && message.getSubject().contains("needs triage")) {
        pages.add(message);
      }
    }
    return pages;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
