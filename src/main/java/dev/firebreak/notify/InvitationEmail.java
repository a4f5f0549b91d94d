package dev.firebreak.notify;

import dev.firebreak.directory.Directory;
import dev.firebreak.directory.InvitationMail;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Sends the directory's invitation links through the mail outbox (after the invitation's commit, retried;
 * SMTP, or the log without SMTP).
 */
@Component
class InvitationEmail implements InvitationMail {

  private final MailOutbox outbox;

  InvitationEmail(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void send(Directory.Person person, String link, Instant expiresAt) {
    outbox.enqueuePublic(List.of(person.email()), "Set your Firebreak password",
        "Hello " + person.name() + ",\n\nan administrator invited you to Firebreak as '" + person.id()
            + "'. Set your password with this link (it works once, until " + expiresAt + " UTC):\n" + link
            + "\n\nIf you did not expect this, ignore this e-mail.");
  }
}
