package dev.firebreak.postmortem;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.time.EngineClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The compensation decided after a customer-facing incident (issue 17.4), beside what
 * dmn/compensation-policy.dmn suggested: one per incident (table compensation_decision), with its
 * reason; on the timeline and in the report's follow-up section.
 */
@Service
public class Compensations {

  /** What was suggested and what was decided, by whom and why. */
  public record Decision(String incidentKey, Compensation suggested, Integer suggestedPercent, String policyReason,
      Compensation decided, Integer creditPercent, String reason, boolean departed, String decidedBy,
      Instant decidedAt) {
  }

  private final JdbcClient jdbc;
  private final Incidents incidents;
  private final Texts texts;
  private final EngineClock clock;

  Compensations(JdbcClient jdbc, Incidents incidents, Texts texts, EngineClock clock) {
    this.jdbc = jdbc;
    this.incidents = incidents;
    this.texts = texts;
    this.clock = clock;
  }

  /** Whether the decision departs from the suggestion: another kind, or another credit. */
  public static boolean departs(Compensation suggested, Integer suggestedPercent, Compensation decided,
      Integer creditPercent) {
    if (suggested != decided) {
      return true;
    }
    return decided == Compensation.SERVICE_CREDIT && !Objects.equals(suggestedPercent, creditPercent);
  }

  /** Records the decision once (a re-run keeps the first); returns it. */
  @Transactional
  public Decision record(String key, Compensation suggested, Integer suggestedPercent, String policyReason,
      Compensation decided, Integer creditPercent, String reason, String decidedBy) {
    Optional<Decision> existing = decision(key);
    if (existing.isPresent()) {
      return existing.get();
    }
    Integer percent = decided == Compensation.SERVICE_CREDIT ? creditPercent : null;
    boolean departed = departs(suggested, suggestedPercent, decided, percent);
    String why = reason == null || reason.isBlank() ? incidents.words().get("compensation.followed") : reason.strip();
    Instant at = clock.now();
    jdbc.sql("""
        INSERT INTO compensation_decision (incident_key, suggested, suggested_percent, policy_reason, decided,
          credit_percent, reason, departed, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(key, suggested.code(), suggestedPercent, clip(policyReason, 500), decided.code(), percent,
            clip(why, 2000), departed, decidedBy, at.atOffset(ZoneOffset.UTC))
        .update();
    Decision decision = new Decision(key, suggested, suggestedPercent, policyReason, decided, percent, why, departed,
        decidedBy, at);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("compensation", decided.code());
    details.put("creditPercent", percent);
    details.put("suggested", suggested.code());
    details.put("suggestedCreditPercent", suggestedPercent);
    details.put("departed", departed);
    details.put("reason", why);
    Locale words = incidents.words().locale();
    String by = decidedBy == null ? "—" : decidedBy;
    String summary = departed
        ? incidents.words().get("compensation.departed", by, label(texts, words, decided, percent),
            label(texts, words, suggested, suggestedPercent), why)
        : incidents.words().get("compensation.decided", by, label(texts, words, decided, percent), why);
    incidents.note(key, decidedBy, TimelineEntry.Kind.POSTMORTEM, summary, details);
    return decision;
  }

  /** "Service credit of 10%", "Case by case", in the language. */
  public static String label(Texts texts, Locale locale, Compensation compensation, Integer percent) {
    return texts.get(locale, "compensation." + compensation.code(), percent == null ? "?" : percent);
  }

  public Optional<Decision> decision(String key) {
    return jdbc.sql("""
        SELECT incident_key, suggested, suggested_percent, policy_reason, decided, credit_percent, reason, departed,
          decided_by, decided_at FROM compensation_decision WHERE incident_key = ?""").param(key)
        .query((rs, row) -> new Decision(rs.getString("incident_key"), Compensation.fromJson(rs.getString("suggested")),
            (Integer) rs.getObject("suggested_percent", Integer.class), rs.getString("policy_reason"),
            Compensation.fromJson(rs.getString("decided")), (Integer) rs.getObject("credit_percent", Integer.class),
            rs.getString("reason"), rs.getBoolean("departed"), rs.getString("decided_by"),
            rs.getObject("decided_at", java.time.OffsetDateTime.class).toInstant()))
        .optional();
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
