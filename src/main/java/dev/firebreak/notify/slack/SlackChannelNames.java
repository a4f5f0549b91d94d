package dev.firebreak.notify.slack;

import java.text.Normalizer;
import java.util.Locale;

/** Slack channel names for incidents: {@code inc-2026-0042-payment-db}. */
final class SlackChannelNames {

  /** Slack's limit on channel names. */
  static final int MAX_LENGTH = 80;

  private SlackChannelNames() {
  }

  /**
   * The incident key and a slug of the title (or, when the title has no Latin letters or digits,
   * the service): lowercase letters, digits, dashes and underscores, at most 80 characters.
   */
  static String forIncident(String key, String title, String service) {
    String base = slug(key);
    String words = slug(title);
    if (words.isEmpty()) {
      words = slug(service);
    }
    String name = words.isEmpty() ? base : base + "-" + words;
    if (name.length() > MAX_LENGTH) {
      name = name.substring(0, MAX_LENGTH);
      int lastDash = name.lastIndexOf('-');
      if (lastDash > base.length()) {
        name = name.substring(0, lastDash);
      }
    }
    return trimDashes(name);
  }

  static String slug(String text) {
    if (text == null) {
      return "";
    }
    String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-");
    return trimDashes(slug);
  }

  private static String trimDashes(String s) {
    return s.replaceAll("^[-_]+|[-_]+$", "");
  }
}
