package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.ProcessTestSupport;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** A meeting invitation through the real SMTP adapter: the text/calendar; method=REQUEST part arrives intact. */
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025"})
@DirtiesContext
class InvitationEmailIT extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @Autowired
  Notices notices;
  @Autowired
  Incidents incidents;

  @Test
  void theInvitationIsACalendarRequestPart() throws Exception {
    engine.getIdentityService().setAuthentication("responder", List.of("responders"));
    ProcessInstance instance;
    try {
      instance = engine.getRuntimeService().startProcessInstanceByKey("incident", vars(
          "title", "Payment DB connection failure", "service", "payments", "incidentType", "database",
          "impactScope", "all-users"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(instance);
    String key = incidentKey(instance);
    smtp.purgeEmailFromAllMailboxes();
    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Firebreak//Post-mortem//EN\r\nMETHOD:REQUEST\r\n"
        + "BEGIN:VEVENT\r\nUID:postmortem-1@firebreak\r\nDTSTAMP:20261201T000000Z\r\n"
        + "DTSTART:20261203T050000Z\r\nDTEND:20261203T060000Z\r\nSUMMARY:Post-mortem 결제\r\n"
        + "ORGANIZER:mailto:manager@firebreak.example\r\nATTENDEE:mailto:responder@firebreak.example\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";

    notices.emailInvitation(key, List.of("responder@firebreak.example"), "Post-mortem meeting", "See you", ics);
    mailOutbox.dispatchDue(); // sent by the outbox, after commit

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    BodyPart calendar = find((MimeMultipart) received[0].getContent());
    assertThat(calendar).as("a text/calendar part").isNotNull();
    assertThat(calendar.getContentType()).contains("text/calendar").containsIgnoringCase("method=REQUEST");
    assertThat(calendar.getFileName()).isEqualTo("invite.ics");
    Object content = calendar.getContent();
    String text = content instanceof InputStream in ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
        : content.toString();
    assertThat(text).isEqualTo(ics);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().startsWith("E-mail sent to ")
        && e.details().path("invitation").asBoolean());
  }

  private static BodyPart find(MimeMultipart multipart) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.isMimeType("text/calendar")) {
        return part;
      }
      if (part.getContent() instanceof MimeMultipart nested) {
        BodyPart found = find(nested);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
