package dev.firebreak.statuspage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.notify.Notices;
import dev.firebreak.notify.SocialProperties;
import dev.firebreak.platform.i18n.Texts;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The support centre's briefing of every published public notice (issue 17.3): the customer wording
 * (public title and notice), what support tells callers (by phase), when the next update is expected
 * (the incident's status-update cadence) and the status page link. It is kept (shown on /support),
 * e-mailed to firebreak.support.email through the mail outbox and, when configured, posted to the
 * help-desk webhook; the social post communications approved with the notice goes to Mastodon when
 * an account is configured. All of it once per publishing job (a retried job briefs once). Drills
 * never reach any of it.
 */
@Service
public class SupportBriefings {

  static final String HELP_DESK = "help-desk";
  static final String MASTODON = "mastodon";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final Incidents incidents;
  private final StatusPage statusPage;
  private final Notices notices;
  private final Texts texts;
  private final EngineClock clock;
  private final SupportProperties properties;
  private final SocialProperties social;
  private final SupportOutbox outbox;

  SupportBriefings(JdbcClient jdbc, Incidents incidents, StatusPage statusPage, Notices notices, Texts texts,
      EngineClock clock, SupportProperties properties, SocialProperties social, SupportOutbox outbox) {
    this.jdbc = jdbc;
    this.incidents = incidents;
    this.statusPage = statusPage;
    this.notices = notices;
    this.texts = texts;
    this.clock = clock;
    this.properties = properties;
    this.social = social;
    this.outbox = outbox;
  }

  /** A briefing as /support shows it. */
  public record Briefing(long id, String incidentKey, String phase, String title, String message, String callers,
      Instant nextUpdateAt, String statusUrl, String socialPost, Instant createdAt, boolean open) {
  }

  /**
   * Briefs the support centre about the notice just published (and posts the approved social post).
   *
   * @param cycle the incident's status-update cadence (ISO 8601 repeating interval, e.g. R/PT30M),
   *     or null: no next update expected
   * @param socialPost the social post communications approved, or null
   * @param postToSocial whether they chose to post it
   * @return whether a briefing was written now (false: a drill, or this job briefed already)
   */
  @Transactional
  public boolean brief(String incidentKey, String phase, String title, String message, String jobKey, String cycle,
      String socialPost, boolean postToSocial) {
    IncidentRecord incident = incidents.require(incidentKey);
    if (incident.drill()) {
      return false;
    }
    String key = jobKey == null ? incidentKey + "@" + clock.now() : jobKey;
    if (jdbc.sql("SELECT COUNT(*) FROM support_briefing WHERE job_key = ?").param(key).query(Long.class).single() > 0) {
      return false;
    }
    Instant now = clock.now();
    String publicTitle = title == null || title.isBlank() ? statusPage.publishedTitle(incidentKey) : title.trim();
    if (publicTitle == null) {
      publicTitle = "";
    }
    boolean resolved = "resolved".equals(phase);
    Duration every = resolved ? null : cadence(cycle);
    Instant next = every == null ? null : now.plus(every);
    String statusUrl = statusPage.baseUrl() + "/status";
    Locale locale = texts.locale();
    String callers = texts.get(locale, "support.callers." + phase, publicTitle);
    String post = postToSocial && socialPost != null && !socialPost.isBlank()
        ? clip(socialPost.trim(), social.getMastodon().getMaxLength()) : null;
    jdbc.sql("""
        INSERT INTO support_briefing (incident_key, job_key, phase, public_title, message, callers, next_update_at,
          status_url, social_post, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(incidentKey, key, phase, clip(publicTitle, 200), clip(message, 4000), clip(callers, 2000),
            next == null ? null : next.atOffset(ZoneOffset.UTC), statusUrl, post, now.atOffset(ZoneOffset.UTC))
        .update();

    String nextText = next == null ? texts.get(locale, "support.next.none")
        : texts.get(locale, "support.next.at", time(next), Durations.duration(every, locale));
    if (properties.getEmail() != null && !properties.getEmail().isBlank()) {
      notices.emailAddresses(incidentKey, List.of(properties.getEmail().trim()),
          texts.get(locale, "support.mail.subject", publicTitle, texts.get(locale, "support.phase." + phase)),
          texts.get(locale, "support.mail.body", publicTitle, texts.get(locale, "support.phase." + phase), message,
              callers, nextText, statusUrl));
    }
    if (properties.getWebhookUrl() != null && !properties.getWebhookUrl().isBlank()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "support.briefing");
      body.put("incident", incident.key());
      body.put("phase", phase);
      body.put("title", publicTitle);
      body.put("message", message);
      body.put("tellCallers", callers);
      body.put("nextUpdateAt", next == null ? null : next.toString());
      body.put("statusPage", statusUrl);
      body.put("publishedAt", now.toString());
      outbox.enqueue(HELP_DESK, key, incidentKey, json(body));
    }
    if (post != null && social.getMastodon().configured()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", post);
      body.put("visibility", social.getMastodon().getVisibility());
      body.put("language", locale.getLanguage());
      outbox.enqueue(MASTODON, key, incidentKey, json(body));
    }
    return true;
  }

  /** The latest briefing of each incident, newest first: open incidents first, then the rest (at most 30 in all). */
  public List<Briefing> latest() {
    List<Briefing> all = jdbc.sql("""
        SELECT b.* FROM support_briefing b WHERE b.id = (SELECT MAX(c.id) FROM support_briefing c
          WHERE c.incident_key = b.incident_key) ORDER BY b.created_at DESC, b.id DESC""")
        .query((rs, row) -> {
          String key = rs.getString("incident_key");
          boolean open = !"resolved".equals(rs.getString("phase"))
              && incidents.find(key).map(i -> i.status().isOpen()).orElse(false);
          OffsetDateTime next = rs.getObject("next_update_at", OffsetDateTime.class);
          return new Briefing(rs.getLong("id"), key, rs.getString("phase"), rs.getString("public_title"),
              rs.getString("message"), rs.getString("callers"), next == null ? null : next.toInstant(),
              rs.getString("status_url"), rs.getString("social_post"),
              rs.getObject("created_at", OffsetDateTime.class).toInstant(), open);
        }).list();
    return java.util.stream.Stream.concat(all.stream().filter(Briefing::open), all.stream().filter(b -> !b.open()))
        .limit(30).toList();
  }

  /** The wait of an ISO 8601 repeating interval (R/PT30M, R5/PT1H) or a plain duration; null when none. */
  static Duration cadence(String cycle) {
    if (cycle == null || cycle.isBlank()) {
      return null;
    }
    String last = cycle.substring(cycle.lastIndexOf('/') + 1).trim();
    try {
      return Duration.parse(last);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private String time(Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(java.time.ZoneId.of(statusPage.zone())).format(at);
  }

  static String clip(String text, int max) {
    if (text == null || text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
