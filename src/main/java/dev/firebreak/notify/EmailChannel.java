package dev.firebreak.notify;

/**
 * Port to e-mail. The default adapter records the message on the incident timeline. Incident
 * e-mails reach it only through the {@link MailOutbox} (after commit, once, with a stable Message-ID).
 */
public interface EmailChannel {

  void send(EmailMessage message);

  /** An e-mail to the public: confirmations and notices for status page subscribers. */
  void sendPublic(PublicEmail email);

  /** False for the recording adapter, which writes its own timeline entry instead of sending. */
  default boolean delivers() {
    return true;
  }
}
