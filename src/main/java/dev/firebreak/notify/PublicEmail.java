package dev.firebreak.notify;

import java.util.List;

/**
 * An e-mail to the public (status page subscribers, invitation links): only public text, with its
 * unsubscribe link; {@code messageId}, when not null, is its Message-ID header (the same on every attempt).
 */
public record PublicEmail(List<String> to, String subject, String text, String unsubscribeUrl, String messageId) {

  public PublicEmail(List<String> to, String subject, String text, String unsubscribeUrl) {
    this(to, subject, text, unsubscribeUrl, null);
  }
}
