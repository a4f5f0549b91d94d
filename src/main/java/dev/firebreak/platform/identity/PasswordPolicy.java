package dev.firebreak.platform.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The minimum a password must be outside the demo profile: at least 12 characters, not a common
 * password (nor one with digits or symbols added to a common word), not the user's id, not one
 * character repeated.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;

  private static final Set<String> COMMON = Set.of("password", "passw0rd", "p@ssw0rd", "p@ssword", "qwerty",
      "qwertyuiop", "qwertyuiopasdf", "asdfghjkl", "zxcvbnm", "123456789012", "1234567890", "123456789",
      "12345678", "1q2w3e4r5t6y", "1qaz2wsx3edc", "letmein", "welcome", "changeme", "changeit", "admin",
      "administrator", "firebreak", "camunda", "demo", "secret", "iloveyou", "monkey", "dragon", "football",
      "baseball", "sunshine", "princess", "trustno1", "master", "superman", "abc123", "default", "root",
      "toor", "incident", "correcthorsebatterystaple");

  private PasswordPolicy() {
  }

  /** What is wrong with this password ("must be at least 12 characters"), or empty when it will do. */
  public static Optional<String> weakness(String password, String userId) {
    if (password == null || password.isBlank()) {
      return Optional.of("is required");
    }
    if (password.length() < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters (is " + password.length() + ")");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    String letters = lower.replaceAll("[^a-z@0]", "");
    String core = lower.replaceAll("^[^a-z]+|[^a-z]+$", "");
    if (COMMON.contains(lower) || COMMON.contains(letters) || COMMON.contains(core)
        || lower.chars().distinct().count() <= 2) {
      return Optional.of("is a common password (or a common word with digits or symbols added); choose another");
    }
    String user = userId == null ? null : userId.toLowerCase(Locale.ROOT);
    if (user != null && (lower.equals(user) || core.equals(user) || letters.equals(user.replaceAll("[^a-z@0]", "")))) {
      return Optional.of("must not be (a variation of) the user name");
    }
    return Optional.empty();
  }
}
