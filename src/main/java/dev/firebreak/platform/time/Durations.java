package dev.firebreak.platform.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations and ages as people read them, the same on every page and timeline entry: "45 min",
 * "2 h 15 min" up to 48 hours, "3 d 4 h" beyond, and for an age beyond 30 days the date it began
 * ("since 2023-04-01"). ISO 8601 cycles of the notification plan read "every 30 min". In Korean
 * (the methods with a {@link Locale} whose language is {@code ko}): "45분", "2시간 15분", "3일 4시간",
 * "2023-04-01부터", "30분마다"; any other locale reads English.
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
    return duration(duration, Locale.ENGLISH);
  }

  /** {@link #duration(Duration)} in the locale's words: Korean "45분", "2시간 15분", "3일 4시간". */
  public static String duration(Duration duration, Locale locale) {
    Units units = Units.of(locale);
    long minutes = duration == null || duration.isNegative() ? 0 : duration.toMinutes();
    if (minutes < 60) {
      return minutes + units.minutes;
    }
    if (minutes < DAYS_BEYOND.toMinutes()) {
      long hours = minutes / 60;
      long rest = minutes % 60;
      return hours + units.hours + (rest == 0 ? "" : " " + rest + units.minutes);
    }
    long hours = minutes / 60;
    long days = hours / 24;
    long restHours = hours % 24;
    return days + units.days + (restHours == 0 ? "" : " " + restHours + units.hours);
  }

  /** How long since {@code since}: {@link #duration} up to 30 days, then "since 2023-04-01" (in the zone). */
  public static String age(Instant since, Instant now, ZoneId zone) {
    return age(since, now, zone, Locale.ENGLISH);
  }

  /** {@link #age(Instant, Instant, ZoneId)} in the locale's words: Korean "2시간 15분", "2023-04-01부터". */
  public static String age(Instant since, Instant now, ZoneId zone, Locale locale) {
    if (since == null || now == null) {
      return "—";
    }
    Duration age = Duration.between(since, now);
    if (age.compareTo(AS_DATE_BEYOND) > 0) {
      String date = DATE.withZone(zone).format(since);
      return korean(locale) ? date + "부터" : "since " + date;
    }
    return duration(age, locale);
  }

  /** "R/PT30M" → "every 30 min", "R5/PT1M" → "every 1 min", "PT4H" → "4 h"; anything else as it is. */
  public static String cycle(String iso) {
    return cycle(iso, Locale.ENGLISH);
  }

  /** {@link #cycle(String)} in the locale's words: Korean "R/PT30M" → "30분마다", "PT4H" → "4시간". */
  public static String cycle(String iso, Locale locale) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    String[] parts = iso.trim().split("/");
    String period = parts[parts.length - 1];
    try {
      Duration duration = period.contains("D") && !period.contains("T")
          ? Duration.ofDays(java.time.Period.parse(period).getDays())
          : Duration.parse(period);
      boolean repeats = parts[0].startsWith("R");
      if (korean(locale)) {
        return duration(duration, locale) + (repeats ? "마다" : "");
      }
      return (repeats ? "every " : "") + duration(duration, locale);
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private static boolean korean(Locale locale) {
    return locale != null && "ko".equals(locale.getLanguage());
  }

  private record Units(String minutes, String hours, String days) {
    static final Units ENGLISH = new Units(" min", " h", " d");
    static final Units KOREAN = new Units("분", "시간", "일");

    static Units of(Locale locale) {
      return korean(locale) ? KOREAN : ENGLISH;
    }
  }
}
