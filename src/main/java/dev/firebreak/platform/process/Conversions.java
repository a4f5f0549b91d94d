package dev.firebreak.platform.process;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** Lenient conversions for values that reach the engine from forms, REST and messages. */
final class Conversions {

  private Conversions() {
  }

  /** The value as the target type, or null when it cannot be converted without guessing. */
  static Object convert(Object raw, Class<?> target) {
    if (target == Integer.class) {
      return toInteger(raw);
    }
    if (target == Long.class) {
      return raw instanceof Number n ? n.longValue() : parseLong(raw);
    }
    if (target == Boolean.class) {
      return toBoolean(raw);
    }
    if (target == String.class) {
      return raw instanceof Number || raw instanceof Boolean ? raw.toString() : null;
    }
    if (target == Date.class) {
      return toDate(raw);
    }
    return null;
  }

  private static Integer toInteger(Object raw) {
    if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    Long parsed = parseLong(raw);
    return parsed == null ? null : Math.toIntExact(parsed);
  }

  private static Long parseLong(Object raw) {
    if (raw instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Boolean toBoolean(Object raw) {
    if (raw instanceof String s) {
      String v = s.trim().toLowerCase();
      if (v.equals("true") || v.equals("yes")) {
        return true;
      }
      if (v.equals("false") || v.equals("no")) {
        return false;
      }
    }
    return null;
  }

  private static Date toDate(Object raw) {
    if (raw instanceof Instant i) {
      return Date.from(i);
    }
    if (raw instanceof OffsetDateTime o) {
      return Date.from(o.toInstant());
    }
    if (raw instanceof String s && !s.isBlank()) {
      try {
        return Date.from(OffsetDateTime.parse(s.trim()).toInstant());
      } catch (DateTimeParseException e) {
        try {
          // a form's datetime field without zone: read as UTC, the zone the engine stores
          return Date.from(LocalDateTime.parse(s.trim()).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
          return null;
        }
      }
    }
    return null;
  }
}
