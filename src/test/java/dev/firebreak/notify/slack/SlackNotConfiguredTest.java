package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.Incidents;
import dev.firebreak.notify.ChatChannel;
import dev.firebreak.notify.ChatMessage;
import dev.firebreak.platform.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without firebreak.slack.bot-token the recording adapter stays the chat channel: nothing calls Slack. */
class SlackNotConfiguredTest extends ProcessTestSupport {

  @Autowired
  ChatChannel chat;
  @Autowired
  ApplicationContext context;
  @Autowired
  Incidents incidents;

  @Test
  void messagesAreRecordedNotSent() {
    assertThat(chat).isNotInstanceOf(SlackChatChannel.class);
    assertThat(context.getBeansOfType(SlackApi.class)).isEmpty();
    engine.getIdentityService().setAuthentication("responder", List.of("responders"));
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("incident", vars(
        "title", "Search is slow", "service", "search", "incidentType", "degraded-performance", "impactScope", "part-of-users"));
    engine.getIdentityService().clearAuthentication();
    String key = (String) engine.getRuntimeService().getVariable(instance.getId(), "incidentKey");
    chat.post(new ChatMessage(key, "#incidents", "hello", false));
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().equals("Chat (recorded, not sent) to #incidents: hello"));
  }
}
