package dev.firebreak.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a responder's note says it happened: a note that starts with a time of day ("14:35 DB 서버
 * 상태 확인", also "9:05", "14시 35분") happened at the most recent such time in the zone that is not in
 * the future (today, or yesterday when today's is still ahead); any other note happened when it was
 * posted.
 *
 * @param occurredAt when it happened (the timeline's order)
 * @param text the note without the leading time
 * @param statedTime the time as written ("14:35"), or null
 */
record NoteTime(Instant occurredAt, String text, String statedTime) {

  private static final Pattern LEADING_TIME = Pattern.compile(
      "^\\s*(?<h>[01]?\\d|2[0-3])\\s*(?::|：|시\\s*)(?<m>[0-5]\\d)\\s*분?(?:\\s+|\\s*[-—–]\\s*)(?<text>\\S.*)$",
      Pattern.DOTALL);

  static NoteTime parse(String note, Instant now, ZoneId zone) {
    String trimmed = note.trim();
    Matcher matcher = LEADING_TIME.matcher(trimmed);
    if (!matcher.matches()) {
      return new NoteTime(now, trimmed, null);
    }
    LocalTime time = LocalTime.of(Integer.parseInt(matcher.group("h")), Integer.parseInt(matcher.group("m")));
    LocalDate today = now.atZone(zone).toLocalDate();
    ZonedDateTime at = ZonedDateTime.of(today, time, zone);
    if (at.toInstant().isAfter(now)) {
      at = ZonedDateTime.of(today.minusDays(1), time, zone);
    }
    return new NoteTime(at.toInstant(), matcher.group("text").trim(), String.format("%02d:%02d", time.getHour(),
        time.getMinute()));
  }
}
