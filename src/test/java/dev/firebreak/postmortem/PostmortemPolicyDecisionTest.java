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

  @ParameterizedTest(name = "{0}, integrity {1}, drill {2} → required {3} by rule {4}")
  @CsvSource({
      "SEV1, false, true,  false, 1",
      "SEV1, false, false, true,  2",
      "SEV2, ,      false, true,  2",
      "SEV3, true,  false, true,  3",
      "SEV4, true,  ,      true,  3",
      "SEV3, false, false, false, 4",
      "SEV4, ,      ,      false, 4",
  })
  void decidesPolicy(String severity, Boolean integrity, Boolean drill, boolean required, int rule) {
    DecisionTable.Outcome outcome = TABLE.evaluate("severity", severity, "dataIntegrityAtRisk", integrity,
        "drill", drill);
    assertThat(outcome.get("postmortemRequired")).isEqualTo(required);
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
