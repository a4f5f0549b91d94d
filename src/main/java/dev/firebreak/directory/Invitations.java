package dev.firebreak.directory;

import dev.firebreak.platform.security.Hashes;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.identity.PasswordPolicy;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.web.FieldChecks;
import dev.firebreak.platform.web.NotFoundException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Invitations: an administrator sends a person of the contact directory a one-time link (to their
 * directory e-mail) with which they set their password. Only the token's SHA-256 is stored; a link
 * is valid for firebreak.directory.invitation-valid-for (72 hours) and works once; a new invitation
 * replaces an unused one.
 */
@Service
public class Invitations {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The link was used already, never existed, or has expired. */
  public static class Gone extends RuntimeException {
    Gone(String message) {
      super(message);
    }
  }

  static class PersonNotFound extends NotFoundException {
    PersonNotFound(String id) {
      super("No person '" + id + "' in the contact directory");
    }

    @Override
    public String title() {
      return "Person not found";
    }
  }

  public record Sent(String person, String sentTo, Instant expiresAt) {
  }

  private final JdbcClient jdbc;
  private final Directory directory;
  private final IdentityService identity;
  private final InvitationMail mail;
  private final FirebreakProperties properties;
  private final EngineClock clock;
  private final Duration validFor;

  Invitations(JdbcClient jdbc, Directory directory, @Lazy IdentityService identity, InvitationMail mail,
      FirebreakProperties properties, EngineClock clock,
      @Value("${firebreak.directory.invitation-valid-for:PT72H}") Duration validFor) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.identity = identity;
    this.mail = mail;
    this.properties = properties;
    this.clock = clock;
    this.validFor = validFor;
  }

  /** Stores a fresh token (hashed) and e-mails the link to the person's directory address. */
  public Sent invite(String personId, String invitedBy) {
    Directory.Person person = directory.person(personId).orElseThrow(() -> new PersonNotFound(personId));
    new FieldChecks().check(person.email() != null && !person.email().isBlank(), "email",
        "the person has no e-mail in the directory to send the invitation to").throwIfAny();
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    Instant now = clock.now();
    Instant expires = now.plus(validFor);
    jdbc.sql("DELETE FROM person_invitation WHERE person_id = ? AND used_at IS NULL").param(personId).update();
    jdbc.sql("""
        INSERT INTO person_invitation (token_hash, person_id, created_by, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?)""")
        .params(Hashes.sha256Hex(token), personId, invitedBy, now.atOffset(ZoneOffset.UTC), expires.atOffset(ZoneOffset.UTC))
        .update();
    mail.send(person, properties.getBaseUrl() + "/invitations/" + token, expires);
    return new Sent(personId, person.email(), expires);
  }

  /** Whose invitation this token is, while it can still be used. */
  public String holder(String token) {
    return valid(token).get("person_id").toString();
  }

  /** Sets the person's password with the link's token, once. */
  public String accept(String token, String password) {
    Map<String, Object> invitation = valid(token);
    String personId = invitation.get("person_id").toString();
    Optional<String> weakness = PasswordPolicy.weakness(password, personId);
    new FieldChecks().check(weakness.isEmpty(), "password", weakness.orElse("")).throwIfAny();
    if (jdbc.sql("UPDATE person_invitation SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
        .params(clock.now().atOffset(ZoneOffset.UTC), Hashes.sha256Hex(token)).update() != 1) {
      throw new Gone("This invitation link was used already. Ask an administrator for a new one.");
    }
    org.camunda.bpm.engine.impl.identity.Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      User user = identity.createUserQuery().userId(personId).singleResult();
      if (user == null) {
        user = identity.newUser(personId);
        user.setEmail(directory.person(personId).map(Directory.Person::email).orElse(null));
      }
      user.setPassword(password);
      identity.saveUser(user);
      identity.unlockUser(personId);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
    return personId;
  }

  private Map<String, Object> valid(String token) {
    Map<String, Object> row = token == null || !token.matches("[0-9a-f]{64}") ? null
        : jdbc.sql("SELECT person_id, expires_at, used_at FROM person_invitation WHERE token_hash = ?")
            .param(Hashes.sha256Hex(token)).query().listOfRows().stream().findFirst().orElse(null);
    if (row == null || row.get("used_at") != null) {
      throw new Gone("This invitation link was used already or is not valid. Ask an administrator for a new one.");
    }
    Instant expires = row.get("expires_at") instanceof OffsetDateTime at ? at.toInstant()
        : jdbc.sql("SELECT expires_at FROM person_invitation WHERE token_hash = ?").param(Hashes.sha256Hex(token))
            .query(OffsetDateTime.class).single().toInstant();
    if (!expires.isAfter(clock.now())) {
      throw new Gone("This invitation link expired at " + expires + " (UTC). Ask an administrator for a new one.");
    }
    return row;
  }
}
