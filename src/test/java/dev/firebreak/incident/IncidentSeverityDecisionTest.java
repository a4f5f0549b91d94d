package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.DecisionTable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dmn/incident-severity.dmn: every rule, every boundary. Empty CSV cells are null inputs. */
class IncidentSeverityDecisionTest {

  static final DecisionTable TABLE = new DecisionTable("incident-severity");
  static final Set<Integer> RULES_HIT = new HashSet<>();

  @ParameterizedTest(name = "{0}, tier {1}, integrity {2}, customer {3}, alert {4}, known {5} → {6} by rule {7}")
  @CsvSource({
      // impact,        tier, integrity, customer, alert,    known, severity, rule
      "all-users,       1,    false,     true,     none,     ,      SEV1, 1",
      "all-users,       1,    false,     false,    ,         true,  SEV1, 1",
      "all-users,       1,    false,     false,    critical, false, SEV1, 1",
      "single-customer, 3,    true,      true,     none,     ,      SEV1, 2",
      "internal-only,   3,    true,      true,     info,     true,  SEV1, 2",
      "internal-only,   3,    true,      true,     info,     false, SEV1, 2",
      "all-users,       2,    false,     true,     none,     ,      SEV2, 3",
      "all-users,       3,    false,     true,     warning,  true,  SEV2, 3",
      "part-of-users,   1,    false,     false,    none,     ,      SEV2, 4",
      "single-customer, 2,    false,     true,     critical, true,  SEV2, 5",
      // unknown service: never below SEV2 (the defaults of an unknown service: tier 3, not customer-facing)
      "all-users,       3,    false,     false,    warning,  false, SEV2, 6",
      "part-of-users,   3,    false,     false,    none,     false, SEV2, 6",
      "internal-only,   3,    false,     false,    info,     false, SEV2, 6",
      "internal-only,   3,    true,      false,    critical, false, SEV2, 6",
      ",                ,     ,          ,         ,         false, SEV2, 6",
      "all-users,       2,    false,     false,    critical, ,      SEV3, 7",
      "all-users,       2,    false,     false,    critical, true,  SEV3, 7",
      "part-of-users,   2,    false,     true,     warning,  ,      SEV3, 8",
      "part-of-users,   2,    true,      false,    none,     true,  SEV3, 8",
      "single-customer, 1,    false,     true,     warning,  ,      SEV3, 9",
      "internal-only,   1,    true,      false,    none,     ,      SEV3, 10",
      "internal-only,   1,    false,     false,    critical, true,  SEV4, 11",
      "internal-only,   3,    false,     true,     none,     ,      SEV4, 11",
      ",                ,     false,     false,    ,         ,      SEV3, 12",
      ",                2,    ,          ,         warning,  true,  SEV3, 12",
  })
  void decidesSeverity(String impact, Integer tier, Boolean integrity, Boolean customer, String alert,
      Boolean known, String severity, int rule) {
    DecisionTable.Outcome outcome = TABLE.evaluate("impactScope", impact, "serviceTier", tier,
        "dataIntegrityAtRisk", integrity, "customerFacing", customer, "alertSeverity", alert, "serviceKnown", known);
    assertThat(outcome.get("severity")).isEqualTo(severity);
    assertThat(outcome.rule()).isEqualTo(rule);
    assertThat((String) outcome.get("severityReason")).isNotBlank();
    RULES_HIT.add(rule);
  }

  @Test
  void paymentOutageAffectingAllUsersIsSev1() {
    DecisionTable.Outcome outcome = TABLE.evaluate("impactScope", "all-users", "serviceTier", 1,
        "dataIntegrityAtRisk", false, "customerFacing", true, "alertSeverity", "critical");
    assertThat(outcome.get("severity")).isEqualTo("SEV1");
  }

  @Test
  void tierBoundaryBetweenOneAndTwo() {
    assertThat(TABLE.evaluate("impactScope", "part-of-users", "serviceTier", 1, "customerFacing", true,
        "dataIntegrityAtRisk", false, "alertSeverity", "none").get("severity")).isEqualTo("SEV2");
    assertThat(TABLE.evaluate("impactScope", "part-of-users", "serviceTier", 2, "customerFacing", true,
        "dataIntegrityAtRisk", false, "alertSeverity", "none").get("severity")).isEqualTo("SEV3");
  }

  @Test
  void everyRuleIsExplained() {
    assertThat(TABLE.ruleDescriptions()).hasSize(TABLE.ruleCount()).allMatch(d -> d.length() > 20);
  }

  @AfterAll
  static void everyRuleIsExercised() {
    assertThat(RULES_HIT).as("rules exercised").hasSize(TABLE.ruleCount());
  }
}
