package dev.firebreak.lifecycle;

import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.web.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/decisions/{decisionKey}/backtest?from=&to=}: the changed DMN in the body (XML), or
 * {@code ?version=} naming a deployed version; for process owners and administrators. Nothing is
 * deployed. {@code from}/{@code to} are dates (to inclusive) or instants; by default the last 90 days.
 */
@RestController
class BacktestController {

  private static final Set<String> OWNERS = Set.of(Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN);
  static final Duration DEFAULT_PERIOD = Duration.ofDays(90);

  private final DecisionBacktests backtests;

  BacktestController(DecisionBacktests backtests) {
    this.backtests = backtests;
  }

  @PostMapping("/api/decisions/{decisionKey}/backtest")
  Map<String, Object> backtest(@PathVariable String decisionKey, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) Integer version,
      @RequestBody(required = false) byte[] dmn, Authentication user) {
    if (Groups.of(user).stream().noneMatch(OWNERS::contains)) {
      throw new AuthorizationException((user == null ? "Nobody" : user.getName())
          + " may not backtest decisions: process owners and administrators do");
    }
    Instant end = to == null ? Instant.now() : instant(to, "to", true);
    Instant start = from == null ? end.minus(DEFAULT_PERIOD) : instant(from, "from", false);
    if (!start.isBefore(end)) {
      throw new InvalidInputException(List.of(new InvalidInputException.FieldProblem("from", "must be before to")));
    }
    byte[] xml = (dmn == null || dmn.length == 0) && version != null ? backtests.deployed(decisionKey, version) : dmn;
    return backtests.backtest(decisionKey, xml, start, end);
  }

  private static Instant instant(String text, String field, boolean end) {
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(List.of(new InvalidInputException.FieldProblem(field,
          "must be a date (2026-11-01) or a time with its offset (2026-11-01T09:00:00Z)")));
    }
  }
}
