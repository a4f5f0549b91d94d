package dev.firebreak.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.DecisionTable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dmn/escalation-level.dmn: time-, impact- and complexity-based criteria at their boundaries. */
class EscalationLevelDecisionTest {

  static final DecisionTable TABLE = new DecisionTable("escalation-level");
  static final Set<Integer> RULES_HIT = new HashSet<>();

  @ParameterizedTest(name = "{0} after {1} min, {2}, {3}, at L{4} → L{5} {6} approval {7} by rule {8}")
  @CsvSource({
      // severity, minutes, impact,         complexity, current, level, target,       approval, rule
      "SEV1, 30,  part-of-users,   low,    2, 3, executives,   true,  1",
      "SEV1, 600, all-users,       high,   2, 3, executives,   true,  1",
      "SEV2, 120, part-of-users,   low,    2, 3, executives,   true,  2",
      "SEV1, 29,  part-of-users,   low,    2, 2, service-team, false, 3",
      "SEV1, 0,   all-users,       ,       1, 2, service-team, false, 3",
      // detected long ago (an alert firing for hours): the owning team is paged first, never leadership
      "SEV1, 30,  part-of-users,   low,    1, 2, service-team, false, 3",
      "SEV1, 600, all-users,       high,   1, 2, service-team, false, 3",
      "SEV1, 600, all-users,       high,    , 2, service-team, false, 3",
      "SEV2, 120, part-of-users,   low,    1, 2, service-team, false, 6",
      "SEV2, 480, all-users,       low,    1, 2, service-team, false, 4",
      "SEV2, 119, part-of-users,   low,    2, 2, service-team, false, 6",
      "SEV3, 0,   all-users,       low,    1, 2, service-team, false, 4",
      "SEV4, 5,   internal-only,   high,   1, 2, service-team, false, 5",
      "SEV2, 30,  single-customer, medium, 1, 2, service-team, false, 6",
      "SEV2, 29,  single-customer, medium, 1, 1, on-call,      false, 8",
      "SEV3, 240, part-of-users,   low,    1, 2, service-team, false, 7",
      "SEV3, 600, part-of-users,   low,    2, 2, service-team, false, 7",
      "SEV3, 239, part-of-users,   low,    1, 1, on-call,      false, 8",
      "SEV4, 999, internal-only,   ,       1, 1, on-call,      false, 8",
      "SEV4, 999, internal-only,   ,       3, 1, on-call,      false, 8",
  })
  void decidesLevel(String severity, int minutes, String impact, String complexity, Integer current, int level,
      String target, boolean approval, int rule) {
    DecisionTable.Outcome outcome = TABLE.evaluate("severity", severity, "minutesSinceDetection", minutes,
        "impactScope", impact, "complexity", complexity, "escalationLevel", current);
    assertThat(outcome.get("recommendedLevel")).isEqualTo(level);
    assertThat(outcome.get("escalationTarget")).isEqualTo(target);
    assertThat(outcome.get("approvalRequired")).isEqualTo(approval);
    assertThat((String) outcome.get("escalationReason")).isNotBlank();
    assertThat(outcome.rule()).isEqualTo(rule);
    RULES_HIT.add(rule);
  }

  @Test
  void leadershipIsNeverRecommendedBeforeTheServiceTeamWasPaged() {
    for (String severity : new String[] {"SEV1", "SEV2", "SEV3", "SEV4"}) {
      for (int minutes : new int[] {0, 29, 30, 119, 120, 240, 6000}) {
        for (String impact : new String[] {"all-users", "part-of-users", "internal-only"}) {
          DecisionTable.Outcome outcome = TABLE.evaluate("severity", severity, "minutesSinceDetection", minutes,
              "impactScope", impact, "complexity", "high", "escalationLevel", 1);
          assertThat(outcome.get("recommendedLevel")).as("%s after %d min, %s, at level 1", severity, minutes, impact)
              .isNotEqualTo(3);
        }
      }
    }
  }

  @Test
  void levelThreeAlwaysNeedsApproval() {
    for (String severity : new String[] {"SEV1", "SEV2"}) {
      for (int minutes : new int[] {0, 29, 30, 119, 120, 500}) {
        DecisionTable.Outcome outcome = TABLE.evaluate("severity", severity, "minutesSinceDetection", minutes,
            "impactScope", "all-users", "complexity", "high", "escalationLevel", 2);
        if (Integer.valueOf(3).equals(outcome.get("recommendedLevel"))) {
          assertThat(outcome.get("approvalRequired")).isEqualTo(true);
        }
      }
    }
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
