package dev.firebreak.notify;

/** Port to the chat system. The default adapter records the message on the incident timeline. */
public interface ChatChannel {

  void post(ChatMessage message);
}
