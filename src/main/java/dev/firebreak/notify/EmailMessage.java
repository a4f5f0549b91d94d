package dev.firebreak.notify;

import java.util.List;

/**
 * An e-mail to people about an incident; {@code calendar}, when not null, is an iCalendar object
 * (RFC 5545, {@code METHOD:REQUEST}) sent along as a {@code text/calendar; method=REQUEST} part: a
 * meeting invitation. {@code messageId} is the Message-ID header the mail outbox gave it (the same
 * on every attempt); null lets the mail library make one.
 */
public record EmailMessage(String incidentKey, List<String> to, String subject, String body, boolean drill,
    String calendar, String messageId) {

  public EmailMessage(String incidentKey, List<String> to, String subject, String body, boolean drill,
      String calendar) {
    this(incidentKey, to, subject, body, drill, calendar, null);
  }

  public EmailMessage(String incidentKey, List<String> to, String subject, String body, boolean drill) {
    this(incidentKey, to, subject, body, drill, null, null);
  }
}
