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

  @ParameterizedTest(name = "{0}, customer {1}, level {2}, drill {3} → rule {11}")
  @CsvSource({
      // severity, customer, level, drill, central, channel, oncall, status, subscribers, cycle, first notice automatic, rule
      "SEV1, true,  3, true,  false, true, false, false, false, R/PT1H,  false, 1",
      "SEV1, true,  1, true,  false, true, false, false, false, R/PT1H,  false, 1",
      "SEV4, false, 1, true,  false, true, false, false, false, R/PT1H,  false, 1",
      "SEV3, false, 3, false, true,  true, true,  true,  true,  R/PT30M, true,  2",
      "SEV3, false, 2, false, false, true, true,  false, false, R/PT4H,  false, 7",
      "SEV1, false, 1, false, true,  true, true,  true,  true,  R/PT30M, true,  3",
      "SEV1, true,  2, false, true,  true, true,  true,  true,  R/PT30M, true,  3",
      "SEV2, true,  1, ,      true,  true, true,  true,  true,  R/PT1H,  true,  4",
      "SEV2, true,  2, false, true,  true, true,  true,  true,  R/PT1H,  true,  4",
      "SEV2, false, 2, false, true,  true, true,  false, false, R/PT1H,  false, 5",
      "SEV2, ,      1, false, true,  true, true,  false, false, R/PT1H,  false, 5",
      "SEV3, true,  1, false, false, true, true,  true,  false, R/PT4H,  false, 6",
      "SEV3, true,  2, false, false, true, true,  true,  false, R/PT4H,  false, 6",
      "SEV4, true,  1, false, false, true, false, false, false, R/PT24H, false, 8",
      ",     true,  1, false, true,  true, true,  false, false, R/PT1H,  false, 9",
  })
  void plansNotifications(String severity, Boolean customer, int level, Boolean drill, boolean central,
      boolean channel, boolean onCall, boolean statusPage, boolean subscribers, String cycle, boolean firstNoticeAutomatic, int rule) {
    DecisionTable.Outcome outcome = TABLE.evaluate("severity", severity, "customerFacing", customer,
        "escalationLevel", level, "drill", drill);
    assertThat(outcome.rule()).isEqualTo(rule);
    assertThat(outcome.outputs()).containsOnlyKeys("notifyCentralChannel", "notifyIncidentChannel", "notifyOnCall",
        "publishStatusPage", "notifySubscribers", "statusUpdateCycle", "publishFirstNoticeAutomatically");
    assertThat(outcome.get("notifyCentralChannel")).isEqualTo(central);
    assertThat(outcome.get("notifyIncidentChannel")).isEqualTo(channel);
    assertThat(outcome.get("notifyOnCall")).isEqualTo(onCall);
    assertThat(outcome.get("publishStatusPage")).isEqualTo(statusPage);
    assertThat(outcome.get("notifySubscribers")).isEqualTo(subscribers);
    assertThat(outcome.get("statusUpdateCycle")).isEqualTo(cycle);
    assertThat(outcome.get("publishFirstNoticeAutomatically")).as("first notice without approval")
        .isEqualTo(firstNoticeAutomatic);
    if (firstNoticeAutomatic) {
      assertThat(statusPage).as("only a public incident publishes a first notice").isTrue();
    }
    RULES_HIT.add(rule);
  }

  @AfterAll
  static void everyRuleIsExercisedAndExplained() {
    assertThat(RULES_HIT).hasSize(TABLE.ruleCount());
    assertThat(TABLE.ruleDescriptions()).allMatch(d -> d.length() > 20);
  }
}
