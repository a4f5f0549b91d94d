package dev.firebreak.knowledge;

import dev.firebreak.platform.web.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of {@code GET /api/knowledge} and {@code /knowledge} as a {@link KnowledgeQuery}:
 * {@code from} and {@code to} are dates (a day in firebreak.zone, {@code to} included) or times with
 * an offset; anything else is a 400 naming the field.
 */
final class KnowledgeRequest {

  private KnowledgeRequest() {
  }

  static KnowledgeQuery query(String q, String service, String type, String severity, String from, String to,
      Integer limit, ZoneId zone) {
    List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
    Instant start = time("from", from, zone, false, problems);
    Instant end = time("to", to, zone, true, problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.add(new InvalidInputException.FieldProblem("to", "must be after from"));
    }
    if (q != null && q.length() > 200) {
      problems.add(new InvalidInputException.FieldProblem("q", "must be at most 200 characters"));
    }
    if (limit != null && (limit < 1 || limit > KnowledgeQuery.MAX_LIMIT)) {
      problems.add(new InvalidInputException.FieldProblem("limit", "must be between 1 and " + KnowledgeQuery.MAX_LIMIT));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new KnowledgeQuery(q, service, type, severity, start, end, limit == null ? 0 : limit);
  }

  private static Instant time(String field, String value, ZoneId zone, boolean end,
      List<InvalidInputException.FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      problems.add(new InvalidInputException.FieldProblem(field, "must be a date (2026-03-01) or a time with offset (2026-03-01T09:00:00+09:00)"));
      return null;
    }
  }
}
