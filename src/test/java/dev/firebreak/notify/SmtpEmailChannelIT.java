package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The real SMTP adapter against GreenMail: recipients, HTML and text bodies, English and Korean. */
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025"})
@DirtiesContext
class SmtpEmailChannelIT extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @Autowired
  NotifyProperties notify;
  @Autowired
  Incidents incidents;

  @AfterEach
  void english() {
    notify.setLocale("en");
  }

  ProcessInstance declare(String title) {
    engine.getIdentityService().setAuthentication("responder", List.of("responders"));
    ProcessInstance instance;
    try {
      instance = engine.getRuntimeService().startProcessInstanceByKey("incident", vars(
          "title", title, "service", "payments", "incidentType", "database", "impactScope", "all-users"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(instance);
    return instance;
  }

  @Test
  void onCallRespondersGetHtmlAndTextInEnglish() throws Exception {
    ProcessInstance instance = declare("Payment DB connection failure");
    String key = (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).isNotEmpty();
    // the responders' page (a SEV1 also pages the payments on-call person at once, level 2)
    MimeMessage page = responderPage(received);
    assertThat(recipients(page)).containsExactlyInAnyOrder("responder@firebreak.example", "manager@firebreak.example");
    assertThat(page.getSubject()).isEqualTo("[SEV1] " + key + " needs triage: Payment DB connection failure");
    String text = part(page, "text/plain");
    String html = part(page, "text/html");
    assertThat(text).contains("An incident needs your attention.", "Service: payments", "Severity: SEV1",
        "http://localhost:8080/camunda/app/tasklist");
    assertThat(html).contains("<h2>Payment DB connection failure</h2>", "<a href=\"http://localhost:8080/camunda/app/tasklist\">Open Tasklist</a>");
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().startsWith("E-mail sent to ")
        && e.details().path("delivered").asBoolean());
  }

  @Test
  void koreanWhenConfigured() throws Exception {
    notify.setLocale("ko");
    smtp.purgeEmailFromAllMailboxes();
    declare("<b>결제</b> DB 연결 실패");
    MimeMessage page = responderPage(smtp.getReceivedMessages());
    assertThat(part(page, "text/plain")).contains("확인이 필요한 장애가 있습니다.", "서비스: payments", "<b>결제</b> DB 연결 실패");
    assertThat(part(page, "text/html")).contains("확인이 필요한 장애가 있습니다.", "&lt;b&gt;결제&lt;/b&gt;");
    // the subject, the body Firebreak writes and the status label are Korean too (issue 11.6)
    assertThat(page.getSubject()).contains("분류 필요: <b>결제</b> DB 연결 실패").doesNotContain("needs triage");
    assertThat(part(page, "text/plain")).contains("상태: 분류 대기", "새 장애가 Tasklist에서 분류를 기다립니다.", "심각도: SEV1")
        .doesNotContain("Waiting for triage", "waits for triage");
    assertThat(part(page, "text/html")).contains("분류 대기");
  }

  private static List<String> recipients(MimeMessage message) throws Exception {
    List<String> to = new ArrayList<>();
    for (Address address : message.getAllRecipients()) {
      to.add(address.toString());
    }
    return to;
  }

  private static String part(MimeMessage message, String type) throws Exception {
    return find((MimeMultipart) message.getContent(), type);
  }

  private static String find(MimeMultipart multipart, String type) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.getContent() instanceof MimeMultipart nested) {
        String found = find(nested, type);
        if (found != null) {
          return found;
        }
      } else if (part.isMimeType(type)) {
        return part.getContent().toString();
      }
    }
    return null;
  }

  private static MimeMessage responderPage(MimeMessage[] received) throws Exception {
    for (MimeMessage message : received) {
      if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().contains("responder@"))) {
        return message;
      }
    }
    throw new AssertionError("no page to the responders among " + received.length + " e-mails");
  }
}
