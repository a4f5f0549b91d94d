package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.firebreak.incident.LifecycleClient;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 17.4 through the real process and SMTP (GreenMail): after a customer-facing incident is
 * resolved, communications send the apology from Tasklist's form; it reaches the status page's
 * subscriber (both languages, with the unsubscribe link) and the uploaded customers (each in the
 * language of their line) exactly once, also after SMTP was down for the first attempts. A bad line
 * is a 400 problem+json that names it, and nothing is queued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
    "firebreak.apology.retry-initial=200ms",
    "firebreak.apology.retry-max=500ms",
    "firebreak.apology.poll-interval=200ms",
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class CustomerApologyIT {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  @Test
  void theApologyReachesTheSubscribersAndTheUploadedCustomersExactlyOnceInTheirLanguage() throws Exception {
    LifecycleClient client = new LifecycleClient(port);
    String subscriber = "reader-" + UUID.randomUUID().toString().substring(0, 6) + "@subscribers.example";
    jdbc.sql("""
        INSERT INTO subscriber (kind, address, confirm_token, unsubscribe_token, confirmed_at, created_at)
        VALUES ('email', ?, ?, 'apology-it-unsubscribe', ?, ?)""").params(subscriber, UUID.randomUUID().toString(),
        Instant.now().atOffset(ZoneOffset.UTC), Instant.now().atOffset(ZoneOffset.UTC)).update();

    var declared = client.post("responder", "/api/incidents", Map.of("title", "Payment DB connection failure",
        "service", "payments", "incidentType", "database", "impactScope", "all-users"));
    assertThat(declared.status()).isEqualTo(201);
    String key = declared.body().path("incident").path("key").asText();
    client.workTask("responder", key, "TriageIncident", Map.of("triageOutcome", "acknowledge",
        "complexity", "medium", "overrideSeverity", false));
    client.workTask("responder", key, "DiagnoseAndChooseRecovery", Map.of(
        "diagnosis", "Primary DB leaks memory", "recoveryStrategy", "failover"));
    client.workTask("responder", key, "VerifyRecovery", Map.of("recoveryVerified", "yes",
        "verificationNotes", "Backup DB serves payments"));
    client.workTask("responder", key, "ConfirmServiceRestored", Map.of("serviceRestored", "yes",
        "resolutionSummary", "Switched to the backup database"));

    // communications see the task; an incident manager does not get it, nor comms the compensation
    String task = client.awaitTask("comms", key, "SendCustomerApology");
    var form = client.get("comms", "/engine-rest/task/" + task + "/form-variables").body();
    String subjectKo = form.path("apologySubjectKo").path("value").asText();
    String subjectEn = form.path("apologySubjectEn").path("value").asText();
    assertThat(subjectEn).isEqualTo("We apologise for the disruption of payments");
    Map<String, Object> send = new java.util.LinkedHashMap<>(Map.of(
        "apologySubjectKo", subjectKo, "apologyTextKo", form.path("apologyTextKo").path("value").asText(),
        "apologySubjectEn", subjectEn, "apologyTextEn", form.path("apologyTextEn").path("value").asText()));

    send.put("affectedCustomers", "kim@shop.example,ko\nlee@shop\npark@shop.example,en");
    var refused = client.work("comms", task, send);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().toString()).contains("line 2", "'lee@shop' is not an e-mail address");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM apology_outbox WHERE incident_key = ?").param(key)
        .query(Long.class).single()).isZero();

    // SMTP is down for the first attempts: nothing is lost, nothing is sent twice
    smtp.stop();
    send.put("affectedCustomers", "kim@shop.example,ko\nKim@Shop.example\npark@shop.example,en\n");
    var sent = client.work("comms", task, send);
    assertThat(sent.status()).as("%s", sent.body()).isEqualTo(204);
    awaitTrue("a failed attempt", () -> jdbc.sql("SELECT COUNT(*) FROM apology_outbox WHERE incident_key = ? AND attempts > 0")
        .param(key).query(Long.class).single() > 0);
    smtp.start();

    List<String> recipients = List.of(subscriber, "kim@shop.example", "park@shop.example");
    awaitTrue("three apologies", () -> apologies(recipients).size() >= 3);
    Thread.sleep(1500); // a retry or a second round would show up by now
    List<MimeMessage> received = apologies(recipients);
    assertThat(received).extracting(m -> m.getRecipients(Message.RecipientType.TO)[0].toString())
        .containsExactlyInAnyOrderElementsOf(recipients);

    MimeMessage korean = only(received, "kim@shop.example");
    assertThat(korean.getSubject()).isEqualTo(subjectKo).contains("사과드립니다");
    assertThat(text(korean)).contains("데이터베이스 장애로 payments").doesNotContain("A database failure");
    MimeMessage english = only(received, "park@shop.example");
    assertThat(english.getSubject()).isEqualTo(subjectEn);
    assertThat(text(english)).contains("A database failure disrupted payments").doesNotContain("데이터베이스");
    MimeMessage both = only(received, subscriber);
    assertThat(both.getSubject()).isEqualTo(subjectKo + " / " + subjectEn);
    assertThat(text(both)).containsSubsequence("데이터베이스 장애로 payments", "A database failure disrupted payments");
    assertThat(both.getHeader("List-Unsubscribe")[0]).contains("/status/unsubscribe?token=apology-it-unsubscribe");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM apology_outbox WHERE incident_key = ? AND sent_at IS NOT NULL")
        .param(key).query(Long.class).single()).isEqualTo(jdbc.sql("SELECT COUNT(*) FROM apology_outbox WHERE incident_key = ?")
        .param(key).query(Long.class).single());

    // the incident manager decides compensation as suggested; both are on the incident's timeline
    String decide = client.awaitTask("manager", key, "DecideCompensation");
    var decided = client.work("manager", decide, Map.of("compensation", "service-credit", "creditPercent", 20));
    assertThat(decided.status()).isEqualTo(400);
    assertThat(decided.body().toString()).contains("deciding otherwise needs a reason");
    assertThat(client.work("manager", decide, Map.of("compensation", "service-credit", "creditPercent", 20,
        "compensationReason", "Payday")).status()).isEqualTo(204);
    String timeline = client.get("auditor", "/api/incidents/" + key).body().path("timeline").toString();
    assertThat(timeline).contains("Customer apology queued by comms", "Suggested compensation:",
        "Compensation decided by manager: Service credit of 20%");
  }

  private List<MimeMessage> apologies(List<String> recipients) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getRecipients(Message.RecipientType.TO) != null
            && recipients.contains(m.getRecipients(Message.RecipientType.TO)[0].toString());
      } catch (Exception e) {
        return false;
      }
    }).toList();
  }

  private static MimeMessage only(List<MimeMessage> messages, String to) throws Exception {
    List<MimeMessage> mine = new java.util.ArrayList<>();
    for (MimeMessage m : messages) {
      if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(to)) {
        mine.add(m);
      }
    }
    assertThat(mine).as("apologies to %s", to).hasSize(1);
    return mine.get(0);
  }

  private static String text(MimeMessage message) throws Exception {
    return text(message.getContent());
  }

  private static String text(Object content) throws Exception {
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart nested) {
          String found = text(nested);
          if (!found.isEmpty()) {
            return found;
          }
        }
      }
    }
    return "";
  }

  private static void awaitTrue(String what, java.util.function.BooleanSupplier probe) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      if (probe.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited in vain for " + what);
  }
}
