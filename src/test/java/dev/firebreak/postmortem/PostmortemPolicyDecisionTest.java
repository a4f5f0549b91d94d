package dev.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.DecisionTable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dmn/postmortem-policy.dmn: required for SEV1/SEV2 and data integrity, offered otherwise. */
class PostmortemPolicyDecisionTest {

  static final DecisionTable TABLE = new DecisionTable("postmortem-policy");
  static final Set<Integer> RULES_HIT = new HashSet<>();

  @ParameterizedTest(name = "{0}, integrity {1}, drill {2} → required {3}, due in {5}, by rule {4}")
  @CsvSource({
      "SEV1, false, true,  false, 1, P14D",
      "SEV1, false, false, true,  2, P5D",
      "SEV1, true,  false, true,  2, P5D",
      "SEV2, ,      false, true,  3, P7D",
      "SEV2, true,  false, true,  3, P7D",
      "SEV3, true,  false, true,  4, P7D",
      "SEV4, true,  ,      true,  4, P7D",
      "SEV3, false, false, false, 5, P14D",
      "SEV4, ,      ,      false, 5, P14D",
  })
  void decidesPolicy(String severity, Boolean integrity, Boolean drill, boolean required, int rule, String dueIn) {
    DecisionTable.Outcome outcome = TABLE.evaluate("severity", severity, "dataIntegrityAtRisk", integrity,
        "drill", drill);
    assertThat(outcome.get("postmortemRequired")).isEqualTo(required);
    assertThat(outcome.get("postmortemDueIn")).as("due after resolution, by severity").isEqualTo(dueIn);
    assertThat((String) outcome.get("postmortemReason")).isNotBlank();
    assertThat(outcome.rule()).isEqualTo(rule);
    RULES_HIT.add(rule);
  }

  @AfterAll
  static void everyRuleIsExercisedAndExplained() {
    assertThat(RULES_HIT).hasSize(TABLE.ruleCount());
    assertThat(TABLE.ruleDescriptions()).allMatch(d -> d.length() > 20);
  }
}
