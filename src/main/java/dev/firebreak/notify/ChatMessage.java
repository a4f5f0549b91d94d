package dev.firebreak.notify;

/** A message for a chat channel (Slack); {@code drill} marks training traffic. */
public record ChatMessage(String incidentKey, String channel, String text, boolean drill) {
}
