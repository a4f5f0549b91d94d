package dev.firebreak.directory;

import java.time.Instant;

/**
 * Port: e-mails a person the one-time link to set their password. Owned here, implemented by
 * notify (through its EmailChannel: SMTP, or the log when no SMTP is configured).
 */
public interface InvitationMail {

  void send(Directory.Person person, String link, Instant expiresAt);
}
