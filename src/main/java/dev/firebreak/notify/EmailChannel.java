package dev.firebreak.notify;

/** Port to e-mail. The default adapter records the message on the incident timeline. */
public interface EmailChannel {

  void send(EmailMessage message);

  /** An e-mail to the public: confirmations and notices for status page subscribers. */
  void sendPublic(PublicEmail email);
}
