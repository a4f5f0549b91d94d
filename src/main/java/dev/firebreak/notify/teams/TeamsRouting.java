package dev.firebreak.notify.teams;

import dev.firebreak.incident.Incidents;
import dev.firebreak.notify.ChatChannel;
import dev.firebreak.notify.ChatMessage;
import dev.firebreak.notify.RecordingChatChannel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * With Teams configured, the chat port Firebreak uses routes each message by its channel: a
 * channel whose Teams webhook is set goes to Teams, any other to the other chat adapter (Slack when
 * its bot token is set), or, with none, is recorded on the timeline. Each channel has exactly one
 * chat system.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TeamsConfigured.class)
class TeamsRouting {

  @Bean
  @Primary
  ChatChannel chatRouting(TeamsChatChannel teams, ObjectProvider<ChatChannel> adapters, Incidents incidents) {
    return new Router(teams, adapters, incidents);
  }

  /** The routing chat port. */
  static final class Router implements ChatChannel {

    private final TeamsChatChannel teams;
    private final ObjectProvider<ChatChannel> adapters;
    private final Incidents incidents;
    private volatile ChatChannel other;

    Router(TeamsChatChannel teams, ObjectProvider<ChatChannel> adapters, Incidents incidents) {
      this.teams = teams;
      this.adapters = adapters;
      this.incidents = incidents;
    }

    @Override
    public void post(ChatMessage message) {
      if (teams.serves(message)) {
        teams.post(message);
      } else {
        other().post(message);
      }
    }

    @Override
    public void postMessage(ChatMessage message) {
      if (teams.serves(message)) {
        teams.postMessage(message);
      } else {
        other().postMessage(message);
      }
    }

    /** The chat adapter for the channels Teams does not take: another configured one (Slack), else recording. */
    ChatChannel other() {
      ChatChannel found = other;
      if (found == null) {
        found = adapters.orderedStream().filter(c -> c != this && c != teams).findFirst()
            .orElseGet(() -> new RecordingChatChannel(incidents));
        other = found;
      }
      return found;
    }
  }
}
