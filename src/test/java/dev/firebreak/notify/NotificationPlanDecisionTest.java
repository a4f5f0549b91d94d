package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.DecisionTable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dmn/notification-plan.dmn: which channels fire, and the update cadence, rule by rule. */
class NotificationPlanDecisionTest {

  static final DecisionTable TABLE = new DecisionTable("notification-plan");
  static final Set<Integer> RULES_HIT = new HashSet<>();

  @ParameterizedTest(name = "{0}, customer {1}, level {2}, drill {3} → rule {10}")
  @CsvSource({
      // severity, customer, level, drill, central, channel, oncall, status, subscribers, cycle, rule
      "SEV1, true,  3, true,  false, true, false, false, false, R/PT1H,  1",
      "SEV4, false, 1, true,  false, true, false, false, false, R/PT1H,  1",
      "SEV3, false, 3, false, true,  true, true,  true,  true,  R/PT30M, 2",
      "SEV3, false, 2, false, false, true, true,  false, false, R/PT4H,  7",
      "SEV1, false, 1, false, true,  true, true,  true,  true,  R/PT30M, 3",
      "SEV2, true,  1, ,      true,  true, true,  true,  true,  R/PT1H,  4",
      "SEV2, false, 2, false, true,  true, true,  false, false, R/PT1H,  5",
      "SEV3, true,  1, false, false, true, true,  true,  false, R/PT4H,  6",
      "SEV4, true,  1, false, false, true, false, false, false, R/PT24H, 8",
      ",     true,  1, false, true,  true, true,  false, false, R/PT1H,  9",
  })
  void plansNotifications(String severity, Boolean customer, int level, Boolean drill, boolean central,
      boolean channel, boolean onCall, boolean statusPage, boolean subscribers, String cycle, int rule) {
    DecisionTable.Outcome outcome = TABLE.evaluate("severity", severity, "customerFacing", customer,
        "escalationLevel", level, "drill", drill);
    assertThat(outcome.rule()).isEqualTo(rule);
    assertThat(outcome.outputs()).containsOnlyKeys("notifyCentralChannel", "notifyIncidentChannel", "notifyOnCall",
        "publishStatusPage", "notifySubscribers", "statusUpdateCycle");
    assertThat(outcome.get("notifyCentralChannel")).isEqualTo(central);
    assertThat(outcome.get("notifyIncidentChannel")).isEqualTo(channel);
    assertThat(outcome.get("notifyOnCall")).isEqualTo(onCall);
    assertThat(outcome.get("publishStatusPage")).isEqualTo(statusPage);
    assertThat(outcome.get("notifySubscribers")).isEqualTo(subscribers);
    assertThat(outcome.get("statusUpdateCycle")).isEqualTo(cycle);
    RULES_HIT.add(rule);
  }

  @AfterAll
  static void everyRuleIsExercisedAndExplained() {
    assertThat(RULES_HIT).hasSize(TABLE.ruleCount());
    assertThat(TABLE.ruleDescriptions()).allMatch(d -> d.length() > 20);
  }
}
