package dev.firebreak.notify;

/** Port to the chat system. The default adapter records the message on the incident timeline. */
public interface ChatChannel {

  /** The incident's card in the channel: posted once, then redrawn in place with this text. */
  void post(ChatMessage message);

  /**
   * A message of its own in the channel, beside the card (an alert update post). The recording
   * adapter records it as it records the card.
   */
  default void postMessage(ChatMessage message) {
    post(message);
  }
}
