package dev.firebreak.notify;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recording chat adapter: what would have been posted is stored on the incident's timeline.
 * The default when no chat system is configured, and where a chat router sends the channels no
 * configured chat system takes.
 */
public final class RecordingChatChannel implements ChatChannel {

  private final Incidents incidents;

  public RecordingChatChannel(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void post(ChatMessage message) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("channel", message.channel());
    details.put("text", message.text());
    details.put("drill", message.drill());
    details.put("delivered", false);
    incidents.note(message.incidentKey(), null, TimelineEntry.Kind.NOTIFICATION,
        incidents.words().get("chat.recorded", message.channel(), message.text()), details);
  }
}
