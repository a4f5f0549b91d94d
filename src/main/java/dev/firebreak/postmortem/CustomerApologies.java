package dev.firebreak.postmortem;

import static dev.firebreak.postmortem.CustomerFollowUpProcess.AFFECTED_CUSTOMERS;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.CustomerAudience;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.process.InvalidVariableException;
import dev.firebreak.platform.time.Durations;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer apology after a customer-facing incident (issue 17.4): drafted from the incident
 * type's template (messages apology.&lt;type&gt;.subject/body, Korean and English), sent once to the
 * status page's confirmed e-mail subscribers ({@link CustomerAudience}) and to the uploaded list of
 * affected customers, through the {@link ApologyOutbox} (one row per incident and address). Tables
 * customer_apology and apology_outbox.
 */
@Service
public class CustomerApologies {

  public static final Locale KOREAN = Locale.KOREAN;
  public static final Locale ENGLISH = Locale.ENGLISH;
  /** Both languages, Korean first (a subscriber's language is not known). */
  static final String BOTH = "ko,en";
  /** The most addresses one uploaded list may hold. */
  static final int MAX_LISTED = 1_000;
  /** A process variable's text holds 4000 characters (Camunda's TEXT_ column): the longest list. */
  static final int MAX_LIST_CHARS = 4000;

  private static final Pattern ADDRESS = Pattern.compile("^[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+$");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  /** The apology in both languages. */
  public record Draft(String subjectKo, String textKo, String subjectEn, String textEn) {
  }

  /** One recipient: address, where it came from (subscriber or listed), languages ("ko", "en" or both). */
  public record Recipient(String address, String origin, String languages, String unsubscribeUrl) {
  }

  /** What the report says of the apology. */
  public record Summary(Instant sentAt, String sentBy, int subscribers, int listed, String subjectKo, String subjectEn,
      long delivered, long pending, long failed) {
  }

  private final JdbcClient jdbc;
  private final Incidents incidents;
  private final Texts texts;
  private final FirebreakProperties properties;
  private final EngineClock clock;
  private final ObjectProvider<CustomerAudience> audience;
  private final ApologyOutbox outbox;

  CustomerApologies(JdbcClient jdbc, Incidents incidents, Texts texts, FirebreakProperties properties, EngineClock clock,
      ObjectProvider<CustomerAudience> audience, ApologyOutbox outbox) {
    this.jdbc = jdbc;
    this.incidents = incidents;
    this.texts = texts;
    this.properties = properties;
    this.clock = clock;
    this.audience = audience;
    this.outbox = outbox;
  }

  /** The apology drafted from the incident type's template, in Korean and in English. */
  public Draft draft(String key) {
    IncidentRecord incident = incidents.require(key);
    IncidentType type = incident.incidentType() == null ? IncidentType.OUTAGE : incident.incidentType();
    return new Draft(text(KOREAN, type, "subject", incident), text(KOREAN, type, "body", incident),
        text(ENGLISH, type, "subject", incident), text(ENGLISH, type, "body", incident));
  }

  private String text(Locale locale, IncidentType type, String part, IncidentRecord incident) {
    Instant from = started(incident);
    Instant to = incident.resolvedAt() != null ? incident.resolvedAt() : clock.now();
    return texts.get(locale, "apology." + type.code() + "." + part, incident.service(),
        TIME.withLocale(locale).format(from.atZone(properties.getZone())),
        TIME.withLocale(locale).format(to.atZone(properties.getZone())),
        Durations.duration(Duration.between(from, to), locale));
  }

  private static Instant started(IncidentRecord incident) {
    return incident.impactStartedAt() != null ? incident.impactStartedAt() : incident.detectedAt();
  }

  /** Minutes from the impact's start (else detection) to resolution (else now). */
  public int impactMinutes(String key) {
    IncidentRecord incident = incidents.require(key);
    Instant to = incident.resolvedAt() != null ? incident.resolvedAt() : clock.now();
    return (int) Math.max(0, Duration.between(started(incident), to).toMinutes());
  }

  /** The confirmed e-mail subscribers of the incident's component, both languages. */
  public List<Recipient> subscribers(String key) {
    CustomerAudience subscribers = audience.getIfAvailable();
    if (subscribers == null) {
      return List.of();
    }
    return subscribers.emailSubscribers(incidents.require(key).service()).stream()
        .map(s -> new Recipient(s.address().trim().toLowerCase(Locale.ROOT), "subscriber", BOTH, s.unsubscribeUrl()))
        .toList();
  }

  /**
   * The uploaded list: one address a line, optionally {@code ,ko} or {@code ,en}; blank lines and
   * lines starting with # are skipped, a repeated address counts once. A bad line is refused naming
   * its number (a 400 through the engine), before anything is written.
   */
  public static List<Recipient> parseList(String list) {
    Map<String, Recipient> recipients = new LinkedHashMap<>();
    if (list == null) {
      return List.of();
    }
    if (list.length() > MAX_LIST_CHARS) {
      throw new InvalidVariableException(AFFECTED_CUSTOMERS.name(), "Affected customers: at most " + MAX_LIST_CHARS
          + " characters (about 150 addresses) in one list, this one has " + list.length()
          + ". Nothing was sent; shorten the list.");
    }
    String[] lines = list.split("\\r?\\n|\\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\\s*[,;\\t]\\s*", -1);
      String address = cells[0].strip().toLowerCase(Locale.ROOT);
      if (address.startsWith("<") && address.endsWith(">")) {
        address = address.substring(1, address.length() - 1);
      }
      int number = i + 1;
      if (!ADDRESS.matcher(address).matches() || address.length() > 320) {
        throw refused(number, "'" + clip(cells[0], 80) + "' is not an e-mail address");
      }
      String languages = BOTH;
      if (cells.length > 2) {
        throw refused(number, "one address and at most one language (ko or en), separated by a comma");
      }
      if (cells.length == 2 && !cells[1].isBlank()) {
        String language = cells[1].strip().toLowerCase(Locale.ROOT);
        if (!language.equals("ko") && !language.equals("en")) {
          throw refused(number, "'" + clip(cells[1], 20) + "' is not a language; use ko or en");
        }
        languages = language;
      }
      recipients.putIfAbsent(address, new Recipient(address, "listed", languages, null));
      if (recipients.size() > MAX_LISTED) {
        throw refused(number, "more than " + MAX_LISTED + " addresses in one list");
      }
    }
    return List.copyOf(recipients.values());
  }

  private static InvalidVariableException refused(int line, String what) {
    return new InvalidVariableException(AFFECTED_CUSTOMERS.name(), "Affected customers, line " + line + ": " + what
        + ". Nothing was sent; correct the line and send again.");
  }

  /**
   * Queues the apology: the wording once per incident, one e-mail per address (a subscriber who is
   * also listed gets the list's language; a retried job queues nothing twice). A drill queues
   * nothing. Returns how many e-mails were queued now.
   */
  @Transactional
  public int queue(String key, Draft draft, String list, String sentBy) {
    IncidentRecord incident = incidents.require(key);
    if (incident.drill()) {
      return 0;
    }
    List<Recipient> listed = parseList(list);
    Map<String, Recipient> recipients = new LinkedHashMap<>();
    listed.forEach(r -> recipients.put(r.address(), r));
    List<Recipient> subscribed = subscribers(key);
    subscribed.forEach(r -> recipients.merge(r.address(), r,
        (fromList, subscriber) -> new Recipient(fromList.address(), fromList.origin(), fromList.languages(),
            subscriber.unsubscribeUrl())));
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    boolean first = jdbc.sql("SELECT COUNT(*) FROM customer_apology WHERE incident_key = ?").param(key)
        .query(Long.class).single() == 0;
    if (first) {
      jdbc.sql("""
          INSERT INTO customer_apology (incident_key, subject_ko, body_ko, subject_en, body_en, subscribers, listed,
            sent_by, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(key, clip(draft.subjectKo(), 300), clip(draft.textKo(), 8000), clip(draft.subjectEn(), 300),
              clip(draft.textEn(), 8000), subscribed.size(), listed.size(), sentBy, now)
          .update();
    }
    int queued = 0;
    for (Recipient recipient : recipients.values()) {
      queued += outbox.insert(key, recipient);
    }
    if (first) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("recipients", recipients.size());
      details.put("subscribers", subscribed.size());
      details.put("listed", listed.size());
      details.put("subjectKo", draft.subjectKo());
      details.put("subjectEn", draft.subjectEn());
      incidents.note(key, sentBy, TimelineEntry.Kind.NOTIFICATION, incidents.words().get("apology.queued",
          sentBy == null ? "—" : sentBy, recipients.size(), subscribed.size(), listed.size(), draft.subjectEn()), details);
    }
    outbox.dispatchAfterCommit();
    return queued;
  }

  /** The apology as the report shows it; empty before it was sent. */
  public Optional<Summary> summary(String key) {
    return jdbc.sql("SELECT sent_by, subscribers, listed, subject_ko, subject_en, queued_at FROM customer_apology WHERE incident_key = ?")
        .param(key).query().listOfRows().stream().findFirst().map(row -> {
          Map<String, Long> counts = outbox.counts(key);
          return new Summary(toOffset(row.get("queued_at")).toInstant(),
              (String) row.get("sent_by"), ((Number) row.get("subscribers")).intValue(),
              ((Number) row.get("listed")).intValue(), (String) row.get("subject_ko"), (String) row.get("subject_en"),
              counts.get("delivered"), counts.get("pending"), counts.get("failed"));
        });
  }

  static OffsetDateTime toOffset(Object value) {
    if (value instanceof OffsetDateTime offset) {
      return offset;
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (value instanceof java.time.Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    throw new IllegalStateException("not a time: " + value);
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
