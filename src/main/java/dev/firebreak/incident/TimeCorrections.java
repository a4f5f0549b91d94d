package dev.firebreak.incident;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.web.FieldChecks;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * An incident commander (whoever steers the response, {@link Groups#steersResponse}) corrects the
 * times the KPIs measure from — impact start, mitigated, resolved — with a reason. The order of the
 * record's times holds afterwards (docs/kpis.md): impact start ≤ detected, impact start ≤ mitigated ≤
 * resolved ≤ closed, none in the future; mitigated and resolved only once the incident reached them.
 * Each change is on the timeline, old → new.
 */
@Service
public class TimeCorrections {

  /** The caller does not steer incident response. */
  public static class NotAllowed extends RuntimeException {
    NotAllowed() {
      super("Only incident commanders (responders, incident managers, administrators) can correct an incident's times");
    }
  }

  /** The corrected times would break the order of the record's times; nothing was changed. */
  public static class OutOfOrder extends RuntimeException {
    private final List<String> violations;

    OutOfOrder(List<String> violations) {
      super("The corrected times are out of order; nothing was changed: " + String.join("; ", violations));
      this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
      return violations;
    }
  }

  /** What a correction asks for; null keeps a time. */
  public record Correction(String impactStartedAt, String mitigatedAt, String resolvedAt, String reason) {
  }

  private final Incidents incidents;
  private final EngineClock clock;
  private final FirebreakProperties properties;

  TimeCorrections(Incidents incidents, EngineClock clock, FirebreakProperties properties) {
    this.incidents = incidents;
    this.clock = clock;
    this.properties = properties;
  }

  public IncidentRecord correct(String key, Correction correction, Authentication user) {
    if (!Groups.steersResponse(user)) {
      throw new NotAllowed();
    }
    IncidentRecord incident = incidents.require(key);
    Correction c = correction == null ? new Correction(null, null, null, null) : correction;
    FieldChecks checks = new FieldChecks().required("reason", c.reason(), 1000);
    Instant impact = time(checks, "impactStartedAt", c.impactStartedAt());
    Instant mitigated = time(checks, "mitigatedAt", c.mitigatedAt());
    Instant resolved = time(checks, "resolvedAt", c.resolvedAt());
    checks.check(impact != null || mitigated != null || resolved != null, "impactStartedAt",
        "give at least one of impactStartedAt, mitigatedAt, resolvedAt");
    checks.throwIfAny();

    List<String> violations = new ArrayList<>();
    Instant now = clock.now();
    if (mitigated != null && incident.mitigatedAt() == null) {
      violations.add("mitigatedAt: the incident has not been mitigated yet");
    }
    if (resolved != null && incident.resolvedAt() == null) {
      violations.add("resolvedAt: the incident has not been resolved yet");
    }
    Instant newImpact = impact != null ? impact : incident.impactStartedAt();
    Instant newMitigated = mitigated != null ? mitigated : incident.mitigatedAt();
    Instant newResolved = resolved != null ? resolved : incident.resolvedAt();
    order(violations, "impact start", newImpact, "detected", incident.detectedAt());
    order(violations, "impact start", newImpact, "mitigated", newMitigated);
    order(violations, "impact start", newImpact, "resolved", newResolved);
    order(violations, "mitigated", newMitigated, "resolved", newResolved);
    order(violations, "resolved", newResolved, "closed", incident.closedAt());
    for (Instant given : new Instant[] {impact, mitigated, resolved}) {
      if (given != null && given.isAfter(now)) {
        violations.add("no time may be in the future");
        break;
      }
    }
    if (!violations.isEmpty()) {
      throw new OutOfOrder(violations);
    }

    TimelineWordsFormat words = new TimelineWordsFormat(incidents, properties);
    String reason = c.reason().trim();
    List<String> summaries = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    change(summaries, details, words, "impactStartedAt", incident.impactStartedAt(), impact, reason);
    change(summaries, details, words, "mitigatedAt", incident.mitigatedAt(), mitigated, reason);
    change(summaries, details, words, "resolvedAt", incident.resolvedAt(), resolved, reason);
    incidents.correctTimes(key, impact, mitigated, resolved, summaries, details, user.getName());
    return incidents.require(key);
  }

  private static void change(List<String> summaries, Map<String, Object> details, TimelineWordsFormat words,
      String field, Instant before, Instant after, String reason) {
    if (after == null) {
      return;
    }
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("old", before == null ? null : before.toString());
    change.put("new", after.toString());
    details.put(field, change);
    summaries.add(words.corrected(field, before, after, reason));
  }

  private static void order(List<String> violations, String earlierName, Instant earlier, String laterName,
      Instant later) {
    if (earlier != null && later != null && earlier.isAfter(later)) {
      violations.add(earlierName + " (" + earlier + ") must not be after " + laterName + " (" + later + ")");
    }
  }

  private static Instant time(FieldChecks checks, String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      checks.add(field, "must be a date and time with offset (ISO 8601), e.g. 2026-11-30T14:05:00+09:00");
      return null;
    }
  }

  /** The timeline's words for a correction, times in the configured zone. */
  private record TimelineWordsFormat(Incidents incidents, FirebreakProperties properties) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    String corrected(String field, Instant before, Instant after, String reason) {
      var words = incidents.words();
      return words.get("times.corrected", words.get("times.field." + field),
          before == null ? words.get("times.unset") : TIME.format(before.atZone(properties.getZone())),
          TIME.format(after.atZone(properties.getZone())), reason);
    }
  }
}
