package dev.firebreak.notify;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.identity.Groups;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Pages the on-call responders (L1) by e-mail with what the severity decision said. */
@Component("emailOnCall")
class EmailOnCall implements JavaDelegate {

  private final Notices notices;
  private final MessageSource messages;
  private final NotifyProperties properties;

  EmailOnCall(Notices notices, MessageSource messages, NotifyProperties properties) {
    this.notices = notices;
    this.messages = messages;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!NotificationPlan.says(NotificationPlan.ON_CALL, execution, true)) {
      return;
    }
    notices.emailGroups(INCIDENT_KEY.require(execution), List.of(Groups.RESPONDERS),
        text("mail.subject.triage", TITLE.get(execution)),
        text("mail.body.triage", SEVERITY.get(execution).map(Enum::name).orElse("?"), SEVERITY_REASON.get(execution)));
  }

  private String text(String code, Object... args) {
    return messages.getMessage(code, args, Locale.forLanguageTag(properties.getLocale()));
  }
}
