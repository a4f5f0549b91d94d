package dev.firebreak.notify;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.resilience.Breakers;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.springframework.context.MessageSource;

/**
 * E-mail through SMTP, used when spring.mail.host is set (only ever called by the {@link MailOutbox}): an HTML and a plain-text body from the
 * Thymeleaf templates mail/incident.*, in the configured language. A failure is thrown so the
 * async job retries it; when retries run out Cockpit and the timeline show it. Every send goes
 * through the "smtp" circuit breaker: while it is open, sends fail fast
 * ({@link dev.firebreak.platform.resilience.OutsideSystemUnavailableException}) and are retried later.
 */
@Component
@ConditionalOnProperty("spring.mail.host")
class SmtpEmailChannel implements EmailChannel {

  static final String CALENDAR_TYPE = "text/calendar; method=REQUEST; charset=UTF-8";

  private final JavaMailSender mail;
  private final Incidents incidents;
  private final FirebreakProperties firebreak;
  private final NotifyProperties notify;
  private final SpringTemplateEngine templates;
  private final Breakers breakers;

  SmtpEmailChannel(JavaMailSender mail, Incidents incidents, FirebreakProperties firebreak, NotifyProperties notify,
      MessageSource messages, Breakers breakers) {
    this.mail = mail;
    this.breakers = breakers;
    this.incidents = incidents;
    this.firebreak = firebreak;
    this.notify = notify;
    this.templates = new SpringTemplateEngine();
    this.templates.setTemplateEngineMessageSource(messages);
    this.templates.addTemplateResolver(resolver(".html", TemplateMode.HTML, 1));
    this.templates.addTemplateResolver(resolver(".txt", TemplateMode.TEXT, 2));
  }

  @Override
  public void send(EmailMessage message) {
    IncidentRecord incident = incidents.require(message.incidentKey());
    Locale locale = Locale.forLanguageTag(notify.getLocale());
    Context context = new Context(locale, Map.of("incident", incident, "subject", message.subject(),
        "body", message.body(), "tasklistUrl", firebreak.getBaseUrl() + "/camunda/app/tasklist"));
    String html = templates.process("mail/incident.html", context);
    String text = templates.process("mail/incident.txt", context);
    try {
      MimeMessage mime = mime(message.messageId());
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom(notify.getMailFrom());
      helper.setTo(message.to().toArray(String[]::new));
      helper.setSubject(message.subject());
      helper.setText(text, html);
      if (message.calendar() != null) {
        // the invitation: a calendar client offers to accept it (METHOD:REQUEST); invite.ics for the others
        helper.addAttachment("invite.ics", new ByteArrayResource(message.calendar().getBytes(StandardCharsets.UTF_8)),
            CALENDAR_TYPE);
      }
      breakers.run(Breakers.SMTP, "SMTP", () -> mail.send(mime));
    } catch (MessagingException | MailException e) {
      throw new IllegalStateException("E-mail to " + message.to() + " failed: " + e.getMessage(), e);
    }
    // the timeline entry of the send is the outbox's (MailOutbox), with the attempt and its time
  }

  /**
   * A message whose Message-ID is the outbox's (the same on every attempt): saveChanges, which
   * JavaMailSender calls before sending, would otherwise make a new one each time.
   */
  private MimeMessage mime(String messageId) {
    if (messageId == null) {
      return mail.createMimeMessage();
    }
    return new MimeMessage(Session.getInstance(new Properties())) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
  }

  @Override
  public void sendPublic(PublicEmail email) {
    Locale locale = Locale.forLanguageTag(notify.getLocale());
    Context context = new Context(locale, Map.of("subject", email.subject(), "text", email.text(),
        "unsubscribeUrl", email.unsubscribeUrl() == null ? "" : email.unsubscribeUrl()));
    try {
      MimeMessage mime = mime(email.messageId());
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom(notify.getMailFrom());
      helper.setTo(email.to().toArray(String[]::new));
      helper.setSubject(email.subject());
      helper.setText(templates.process("mail/notice.txt", context), templates.process("mail/notice.html", context));
      if (email.unsubscribeUrl() != null) {
        mime.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
        mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      breakers.run(Breakers.SMTP, "SMTP", () -> mail.send(mime));
    } catch (MessagingException | MailException e) {
      throw new IllegalStateException("E-mail to " + email.to() + " failed: " + e.getMessage(), e);
    }
  }

  private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setOrder(order);
    resolver.setCheckExistence(true);
    return resolver;
  }
}
