package dev.firebreak.platform.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.security.authentication.AccountStatusException;

/** Why a login was refused when it was not just a wrong name or password; the text is the answer's detail. */
final class LoginRefusals {

  private LoginRefusals() {
  }

  /** Too many wrong passwords: locked until a moment (said whatever the password was). */
  static class Locked extends AccountStatusException {
    private final Instant until;

    Locked(Instant until, int maxAttempts) {
      super("This account is locked after " + maxAttempts + " wrong passwords in a row, until "
          + until.truncatedTo(ChronoUnit.SECONDS) + " (UTC). Try again then, or ask an administrator.");
      this.until = until.truncatedTo(ChronoUnit.SECONDS);
    }

    Instant until() {
      return until;
    }
  }

  /** A person in the contact directory who has not set a password yet. */
  static class NoPassword extends AccountStatusException {
    NoPassword() {
      super("This user has no password yet: ask an administrator for an invitation "
          + "(POST /api/directory/people/{id}/invitation), then set one with the link it e-mails.");
    }
  }
}
