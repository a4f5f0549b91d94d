package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.DecisionTable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dmn/compensation-policy.dmn rule by rule, on both sides of each boundary (30, 60 and 240 minutes;
 * tier 1 or not; SEV1, SEV2 or lower; internal-only and single-customer scopes).
 */
class CompensationPolicyDecisionTest {

  static final DecisionTable TABLE = new DecisionTable("compensation-policy");
  static final Set<Integer> RULES_HIT = new HashSet<>();

  @ParameterizedTest(name = "{0} min, {1}, {2}, tier {3} → {4} {5}% by rule {6}")
  @CsvSource({
      // 1: internal only: nothing, however long
      "600, internal-only,   SEV1, 1, none,           ,   1",
      // 2: SEV1 on tier 1 for 4 h or more: case by case (239 is not)
      "240, all-users,       SEV1, 1, case-by-case,   ,   2",
      "900, part-of-users,   SEV1, 1, case-by-case,   ,   2",
      "239, all-users,       SEV1, 1, service-credit, 10, 5",
      // 3: a single customer: case by case
      "20,  single-customer, SEV4, 3, case-by-case,   ,   3",
      "240, single-customer, SEV2, 1, case-by-case,   ,   3",
      // 4: 4 h or more otherwise: 25 %
      "240, all-users,       SEV2, 1, service-credit, 25, 4",
      "240, part-of-users,   SEV1, 2, service-credit, 25, 4",
      "241, all-users,       SEV4, 3, service-credit, 25, 4",
      // 5: 1 h up to 4 h of SEV1/SEV2: 10 % (the worked example, 2h15m)
      "60,  all-users,       SEV2, 3, service-credit, 10, 5",
      "135, all-users,       SEV1, 1, service-credit, 10, 5",
      "239, part-of-users,   SEV2, 2, service-credit, 10, 5",
      // 6: 1 h up to 4 h on tier 1 otherwise: 5 %
      "60,  all-users,       SEV3, 1, service-credit, 5,  6",
      "239, part-of-users,   SEV4, 1, service-credit, 5,  6",
      "59,  all-users,       SEV3, 1, none,           ,   8",
      // 7: a SEV1 of 30 min up to 1 h: 5 %
      "30,  all-users,       SEV1, 3, service-credit, 5,  7",
      "59,  all-users,       SEV1, 1, service-credit, 5,  7",
      "29,  all-users,       SEV1, 1, none,           ,   8",
      // 8: everything else: none
      "59,  all-users,       SEV2, 1, none,           ,   8",
      "239, all-users,       SEV3, 2, none,           ,   8",
  })
  void suggestsCompensation(int minutes, String scope, String severity, int tier, String compensation,
      Integer percent, int rule) {
    DecisionTable.Outcome outcome = TABLE.evaluate("impactMinutes", minutes, "impactScope", scope,
        "severity", severity, "serviceTier", tier);
    assertThat(outcome.rule()).isEqualTo(rule);
    assertThat(outcome.get("suggestedCompensation")).isEqualTo(compensation);
    assertThat(outcome.get("suggestedCreditPercent") == null ? null : ((Number) outcome.get("suggestedCreditPercent")).intValue())
        .isEqualTo(percent);
    assertThat((String) outcome.get("compensationPolicyReason")).isNotBlank();
    assertThat(dev.firebreak.platform.process.Coded.fromCode(Compensation.class, compensation)).as("a choice the form offers").isPresent();
    RULES_HIT.add(rule);
  }

  @AfterAll
  static void everyRuleIsExercisedAndExplained() {
    assertThat(RULES_HIT).hasSize(TABLE.ruleCount());
    assertThat(TABLE.ruleDescriptions()).allMatch(d -> d.length() > 40);
  }
}
