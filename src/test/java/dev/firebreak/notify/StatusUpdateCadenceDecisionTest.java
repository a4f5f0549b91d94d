package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.DecisionTable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dmn/status-update-cadence.dmn: how often communications posts an update, by severity. */
class StatusUpdateCadenceDecisionTest {

  static final DecisionTable TABLE = new DecisionTable("status-update-cadence");
  static final Set<Integer> RULES_HIT = new HashSet<>();

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"SEV1, R/PT30M, 1", "SEV2, R/PT1H, 2", "SEV3, R/PT4H, 3", "SEV4, R/PT24H, 4", ", R/PT1H, 5",
      "SEV9, R/PT1H, 5"})
  void decidesCadence(String severity, String cycle, int rule) {
    DecisionTable.Outcome outcome = TABLE.evaluate("severity", severity);
    assertThat(outcome.get("statusUpdateCycle")).isEqualTo(cycle);
    assertThat(outcome.rule()).isEqualTo(rule);
    RULES_HIT.add(rule);
  }

  @AfterAll
  static void everyRuleIsExercisedAndExplained() {
    assertThat(RULES_HIT).hasSize(TABLE.ruleCount());
    assertThat(TABLE.ruleDescriptions()).allMatch(d -> d.length() > 10);
  }
}
