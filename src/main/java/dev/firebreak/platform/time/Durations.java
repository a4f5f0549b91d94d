package dev.firebreak.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Durations and ages as people read them, the same on every page and timeline entry: "45 min",
 * "2 h 15 min" up to 48 hours, "3 d 4 h" beyond, and for an age beyond 30 days the date it began
 * ("since 2023-04-01"). ISO 8601 cycles of the notification plan read "every 30 min".
 */
public final class Durations {

  /** An age longer than this is shown as the date it began. */
  public static final Duration AS_DATE_BEYOND = Duration.ofDays(30);
  private static final Duration DAYS_BEYOND = Duration.ofHours(48);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private Durations() {
  }

  /** "0 min", "45 min", "2 h", "2 h 15 min", "47 h 59 min", then "2 d", "3 d 4 h"; negative counts as 0. */
  public static String duration(Duration duration) {
    long minutes = duration == null || duration.isNegative() ? 0 : duration.toMinutes();
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < DAYS_BEYOND.toMinutes()) {
      long hours = minutes / 60;
      long rest = minutes % 60;
      return hours + " h" + (rest == 0 ? "" : " " + rest + " min");
    }
    long hours = minutes / 60;
    long days = hours / 24;
    long restHours = hours % 24;
    return days + " d" + (restHours == 0 ? "" : " " + restHours + " h");
  }

  /** How long since {@code since}: {@link #duration} up to 30 days, then "since 2023-04-01" (in the zone). */
  public static String age(Instant since, Instant now, ZoneId zone) {
    if (since == null || now == null) {
      return "—";
    }
    Duration age = Duration.between(since, now);
    if (age.compareTo(AS_DATE_BEYOND) > 0) {
      return "since " + DATE.withZone(zone).format(since);
    }
    return duration(age);
  }

  /** "R/PT30M" → "every 30 min", "R5/PT1M" → "every 1 min", "PT4H" → "4 h"; anything else as it is. */
  public static String cycle(String iso) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    String[] parts = iso.trim().split("/");
    String period = parts[parts.length - 1];
    try {
      Duration duration = period.contains("D") && !period.contains("T")
          ? Duration.ofDays(java.time.Period.parse(period).getDays())
          : Duration.parse(period);
      return (parts[0].startsWith("R") ? "every " : "") + duration(duration);
    } catch (DateTimeParseException e) {
      return iso;
    }
  }
}
