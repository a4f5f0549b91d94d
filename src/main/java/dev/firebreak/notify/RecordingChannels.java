package dev.firebreak.notify;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The adapters used when no chat or mail system is configured: what would have been sent is
 * stored on the incident's timeline, so the default run works with nothing outside.
 */
@Configuration(proxyBeanMethods = false)
class RecordingChannels {

  @Bean
  @ConditionalOnMissingBean(ChatChannel.class)
  ChatChannel recordingChatChannel(Incidents incidents) {
    return new RecordingChatChannel(incidents);
  }

  @Bean
  @ConditionalOnMissingBean(EmailChannel.class)
  EmailChannel recordingEmailChannel(Incidents incidents) {
    return new EmailChannel() {
      @Override
      public void send(EmailMessage message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("to", message.to());
        details.put("subject", message.subject());
        details.put("body", message.body());
        details.put("drill", message.drill());
        if (message.calendar() != null) {
          details.put("calendar", message.calendar());
        }
        if (message.messageId() != null) {
          details.put("messageId", message.messageId());
        }
        details.put("delivered", false);
        incidents.note(message.incidentKey(), null, TimelineEntry.Kind.NOTIFICATION,
            incidents.words().get("email.recorded", String.join(", ", message.to()), message.subject()),
            details);
      }

      @Override
      public boolean delivers() {
        return false;
      }

      @Override
      public void sendPublic(PublicEmail email) {
        // no SMTP configured: the log is the only place a demo user can find e.g. a confirmation link
        log.info("E-mail (recorded, not sent; set spring.mail.host) to {}: {}\n{}", email.to(), email.subject(),
            email.text());
      }
    };
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecordingChannels.class);
}
