package dev.firebreak.postmortem;

import dev.firebreak.directory.Directory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A meeting invitation as iCalendar (RFC 5545): one VEVENT, METHOD:REQUEST, every time in UTC. */
final class MeetingInvitation {

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private MeetingInvitation() {
  }

  static String ics(String uid, Instant stamp, Instant start, Instant end, String summary, String description,
      Directory.Person organizer, List<Directory.Person> attendees) {
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "PRODID:-//Firebreak//Post-mortem//EN");
    line(out, "VERSION:2.0");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:REQUEST");
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + uid);
    line(out, "DTSTAMP:" + UTC.format(stamp));
    line(out, "DTSTART:" + UTC.format(start));
    line(out, "DTEND:" + UTC.format(end));
    line(out, "SUMMARY:" + text(summary));
    line(out, "DESCRIPTION:" + text(description));
    if (organizer.email() != null && !organizer.email().isBlank()) {
      line(out, "ORGANIZER;CN=" + param(organizer.name()) + ":mailto:" + organizer.email());
    }
    for (Directory.Person attendee : attendees) {
      if (attendee.email() != null && !attendee.email().isBlank()) {
        line(out, "ATTENDEE;CN=" + param(attendee.name())
            + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + attendee.email());
      }
    }
    line(out, "SEQUENCE:0");
    line(out, "STATUS:CONFIRMED");
    line(out, "END:VEVENT");
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** A TEXT value: backslash, semicolon, comma and newlines escaped. */
  static String text(String value) {
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
        .replace("\n", "\\n");
  }

  /** A parameter value, quoted (a name may hold a comma or colon). */
  private static String param(String value) {
    return "\"" + value.replace("\"", "'") + "\"";
  }

  /** One content line, folded at 75 octets without splitting a character, ended by CRLF. */
  private static void line(StringBuilder out, String content) {
    int octets = 0;
    int limit = 75;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }
}
