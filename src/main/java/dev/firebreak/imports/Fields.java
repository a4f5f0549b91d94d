package dev.firebreak.imports;

import dev.firebreak.platform.web.InvalidInputException.FieldProblem;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one record by name (matched without case, spaces or punctuation, so {@code created_on},
 * {@code Created On} and {@code createdOn} are one field) and the problems found reading them, each
 * naming the field as the source spells it.
 */
final class Fields {

  /** 2024-03-01T10:15:00Z, 2024-03-01 10:15:00+09:00, 2024-03-01 10:15:00 +0900, 2024/03/01 10:15:00 … */
  private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm[:ss]").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .optionalEnd().optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .toFormatter();

  private final Map<String, String[]> byKey = new LinkedHashMap<>();
  private final ZoneId zone;
  final List<FieldProblem> problems = new ArrayList<>();

  Fields(ZoneId zone) {
    this.zone = zone;
  }

  void put(String name, String value) {
    byKey.putIfAbsent(Csv.key(name), new String[] {name, value});
  }

  /** The name the source uses for the first of these fields it has, else the first one. */
  String name(String... keys) {
    for (String key : keys) {
      String[] field = byKey.get(Csv.key(key));
      if (field != null) {
        return field[0];
      }
    }
    return keys[0];
  }

  /** The first non-blank value of these fields, trimmed; null when none has one. */
  String text(String... keys) {
    for (String key : keys) {
      String[] field = byKey.get(Csv.key(key));
      if (field != null && field[1] != null && !field[1].isBlank()) {
        return field[1].trim();
      }
    }
    return null;
  }

  String required(String... keys) {
    String value = text(keys);
    if (value == null) {
      problem(name(keys), "is required");
    }
    return value;
  }

  Instant time(String... keys) {
    String value = text(keys);
    if (value == null) {
      return null;
    }
    Instant parsed = parseTime(value, zone);
    if (parsed == null) {
      problem(name(keys), "is not a time (was '" + value + "'; use ISO-8601 such as 2024-03-01T10:15:00Z, "
          + "or yyyy-MM-dd HH:mm:ss in the zone given by ?zone=)");
    }
    return parsed;
  }

  Long seconds(String... keys) {
    String value = text(keys);
    if (value == null) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(value);
      if (seconds < 0) {
        problem(name(keys), "must not be negative (was " + value + ")");
        return null;
      }
      return Math.round(seconds);
    } catch (NumberFormatException e) {
      problem(name(keys), "is not a number of seconds (was '" + value + "')");
      return null;
    }
  }

  void problem(String field, String message) {
    problems.add(new FieldProblem(field, message));
  }

  /** ISO-8601 with or without an offset (without: in {@code zone}), a space for the 'T', or epoch seconds/millis. */
  static Instant parseTime(String value, ZoneId zone) {
    String text = value.trim();
    if (text.matches("\\d{9,13}")) {
      long number = Long.parseLong(text);
      return number >= 100_000_000_000L ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
    }
    text = text.replaceFirst("^(\\d{4})/(\\d{2})/(\\d{2})", "$1-$2-$3")
        .replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) +", "$1T")
        .replaceFirst(" +(?=[+-]\\d{2}:?\\d{2}$)", "")
        .replaceFirst(" ?(UTC|GMT)$", "Z");
    try {
      var parsed = OFFSET.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime offset) {
        return offset.toInstant();
      }
      return ((LocalDateTime) parsed).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
