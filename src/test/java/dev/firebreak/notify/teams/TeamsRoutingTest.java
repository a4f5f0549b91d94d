package dev.firebreak.notify.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.notify.ChatChannel;
import dev.firebreak.notify.ChatMessage;
import dev.firebreak.notify.NotifyProperties;
import dev.firebreak.notify.RecordingChatChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * "Chosen per installation or per channel": with Teams configured, each Firebreak channel goes to
 * exactly one chat system: Teams when its webhook is set, else Slack (when configured), else the
 * timeline. A drill's channel never falls back to another channel's webhook.
 */
class TeamsRoutingTest {

  static final String KEY = "INC-2026-0042";
  static final ChatMessage OWN = new ChatMessage(KEY, "#inc-2026-0042", "opened", false);
  static final ChatMessage CENTRAL = new ChatMessage(KEY, "#incidents", "opened", false);
  static final ChatMessage DRILL = new ChatMessage(KEY, "#incident-drills", "[DRILL] opened", true);

  /** Records what reached it instead of calling anything. */
  static class Recorder implements ChatChannel {
    final List<String> got = new ArrayList<>();

    @Override
    public void post(ChatMessage message) {
      got.add(message.channel());
    }

    @Override
    public void postMessage(ChatMessage message) {
      got.add("message " + message.channel());
    }
  }

  static class FakeTeams extends TeamsChatChannel {
    final List<String> got = new ArrayList<>();

    FakeTeams(TeamsProperties properties) {
      super(null, null, null, null, properties, new NotifyProperties());
    }

    @Override
    public void post(ChatMessage message) {
      got.add(message.channel());
    }

    @Override
    public void postMessage(ChatMessage message) {
      got.add("message " + message.channel());
    }
  }

  static TeamsProperties webhooks(String central, String incident, String drill) {
    TeamsProperties properties = new TeamsProperties();
    properties.setCentralWebhook(central);
    properties.setIncidentWebhook(incident);
    properties.setDrillWebhook(drill);
    return properties;
  }

  static TeamsRouting.Router router(FakeTeams teams, ChatChannel slack) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("teamsChatChannel", teams);
    if (slack != null) {
      beans.registerSingleton("slackChatChannel", slack);
    }
    TeamsRouting.Router router = new TeamsRouting.Router(teams, beans.getBeanProvider(ChatChannel.class), null);
    beans.registerSingleton("chatRouting", router);
    return router;
  }

  static void postAll(ChatChannel chat) {
    chat.post(OWN);
    chat.post(CENTRAL);
    chat.postMessage(OWN);
    chat.post(DRILL);
  }

  @Test
  void perChannelTheIncidentsChannelsGoToTeamsAndTheRestStaysWithSlack() {
    FakeTeams teams = new FakeTeams(webhooks("", "https://teams.example/incidents", ""));
    Recorder slack = new Recorder();
    postAll(router(teams, slack));
    assertThat(teams.got).containsExactly("#inc-2026-0042", "message #inc-2026-0042");
    assertThat(slack.got).containsExactly("#incidents", "#incident-drills");
  }

  @Test
  void perInstallationEveryChannelGoesToTeamsAndSlackGetsNothing() {
    FakeTeams teams = new FakeTeams(webhooks("https://teams.example/central", "https://teams.example/incidents",
        "https://teams.example/drills"));
    Recorder slack = new Recorder();
    postAll(router(teams, slack));
    assertThat(teams.got).containsExactly("#inc-2026-0042", "#incidents", "message #inc-2026-0042", "#incident-drills");
    assertThat(slack.got).isEmpty();
  }

  @Test
  void theDrillChannelNeverBorrowsAnotherChannelsWebhook() {
    TeamsChatChannel teams = new FakeTeams(webhooks("https://teams.example/central", "https://teams.example/incidents", ""));
    assertThat(teams.webhookFor("#incident-drills", KEY)).isEmpty();
    assertThat(teams.webhookFor("#inc-2026-0042", KEY)).contains("https://teams.example/incidents");
    assertThat(teams.webhookFor("#inc-2026-0043", KEY)).as("another incident's channel").isEmpty();
    assertThat(teams.webhookFor("#incidents", KEY)).contains("https://teams.example/central");
  }

  @Test
  void withoutSlackTheChannelsTeamsDoesNotTakeAreRecorded() {
    FakeTeams teams = new FakeTeams(webhooks("", "https://teams.example/incidents", ""));
    TeamsRouting.Router router = router(teams, null);
    assertThat(router.other()).isInstanceOf(RecordingChatChannel.class);
    router.post(OWN);
    assertThat(teams.got).containsExactly("#inc-2026-0042");
  }
}
