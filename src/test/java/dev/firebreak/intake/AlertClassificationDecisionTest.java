package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.DecisionTable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dmn/alert-classification.dmn (hit policy RULE ORDER): every rule, English and Korean text, and the
 * boundaries (a code beats the text, the wider scope wins, DB only as a word). Empty CSV cells are
 * empty labels, as {@code AlertClassifier} passes a missing label; the text is lower case.
 */
class AlertClassificationDecisionTest {

  static final DecisionTable TABLE = new DecisionTable("alert-classification");
  static final Set<Integer> RULES_HIT = new HashSet<>();

  static DecisionTable.Merged classify(String service, String text, String impact, String type, String severity,
      Boolean customerFacing) {
    return TABLE.evaluateInRuleOrder(AlertClassification.ALERT_SERVICE_LABEL.name(), nz(service),
        AlertClassification.ALERT_TEXT.name(), nz(text), AlertClassification.ALERT_IMPACT_LABEL.name(), nz(impact),
        AlertClassification.ALERT_TYPE_LABEL.name(), nz(type), AlertClassification.ALERT_SEVERITY.name(), nz(severity),
        AlertClassification.CATALOG_CUSTOMER_FACING.name(), customerFacing);
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

  @ParameterizedTest(name = "[{0}] \"{1}\" impact={2} type={3} {4} cf={5} → {6}, {7}, {8} (rules {9}, {10}, {11})")
  @CsvSource(delimiter = '|', value = {
      // service  | text                                   | impact        | type     | severity | cf    | → service | type                 | impact          | rules: service, type, impact
      "payments   | payments 5xx above 5%                  | all-users     |          | critical | true  | payments  | outage               | all-users       | 16 | 14 | 1",
      "payments   | 전체 사용자의 결제 서비스 불가          |               |          | critical | true  | payments  | outage               | all-users       | 16 | 8  | 10",
      "search     | search is slow for everyone            | part-of-users | database | warning  | true  | search    | database             | part-of-users   | 16 | 2  | 1",
      "payment    | payments 5xx above 5%                  |               |          | warning  |       | payments  | degraded-performance | part-of-users   | 3  | 16 | 16",
      "결제       | 결제 오류                              |               |          | info     |       | payments  | degraded-performance | part-of-users   | 3  | 16 | 16",
      "payments-api | errors                               |               |          | warning  |       | payments  | degraded-performance | part-of-users   | 3  | 16 | 16",
      "           | 결제 db 연결 실패                      |               |          | critical |       | payments  | database             | part-of-users   | 4  | 5  | 16",
      "           | payment gateway errors for some users  |               |          | warning  |       | payments  | degraded-performance | part-of-users   | 4  | 16 | 11",
      "checkout   | 결제db 응답 없음                        |               |          | warning  | true  | checkout  | database             | part-of-users   | 16 | 5  | 16",
      "checkout   | primary database failover              |               |          | warning  | true  | checkout  | database             | part-of-users   | 16 | 5  | 16",
      "checkout   | 데이터베이스 복제 지연                  |               |          | warning  | true  | checkout  | database             | part-of-users   | 16 | 5  | 16",
      "search     | feedback widget errors                 |               |          | warning  | true  | search    | degraded-performance | part-of-users   | 16 | 16 | 16",
      "search     | mongodb-like feedback store            |               |          | critical | true  | search    | outage               | part-of-users   | 16 | 14 | 16",
      "checkout   | 보안 경고: 비정상 로그인                |               |          | warning  | true  | checkout  | security             | part-of-users   | 16 | 6  | 16",
      "checkout   | unauthorized access to admin api       |               |          | warning  | true  | checkout  | security             | part-of-users   | 16 | 6  | 16",
      "reporting  | 주문 데이터 유실                        |               |          | warning  | false | reporting | data-integrity       | internal-only   | 16 | 7  | 15",
      "reporting  | ledger rows corrupted                  |               |          | warning  | false | reporting | data-integrity       | internal-only   | 16 | 7  | 15",
      "search     | search is down for all users           |               |          | warning  | true  | search    | outage               | all-users       | 16 | 8  | 10",
      "search     | 검색 서비스 중단                        |               |          | info     | true  | search    | outage               | part-of-users   | 16 | 8  | 16",
      "search     | p99 latency above 2s                   |               |          | critical | true  | search    | degraded-performance | part-of-users   | 16 | 9  | 16",
      "search     | 검색 응답 지연, 모든 사용자             |               |          | warning  | true  | search    | degraded-performance | all-users       | 16 | 9  | 10",
      "checkout   | all customers see errors               |               |          | warning  | true  | checkout  | degraded-performance | all-users       | 16 | 16 | 10",
      "checkout   | 전체 사용자 중 일부                     |               |          | warning  | true  | checkout  | degraded-performance | all-users       | 16 | 16 | 10",
      "checkout   | 일부 사용자 결제 실패                   |               |          | warning  | true  | checkout  | degraded-performance | part-of-users   | 16 | 16 | 11",
      "checkout   | errors for some customers              |               |          | warning  | true  | checkout  | degraded-performance | part-of-users   | 16 | 16 | 11",
      "checkout   | 특정 고객 주문 실패                     |               |          | warning  | true  | checkout  | degraded-performance | single-customer | 16 | 16 | 12",
      "checkout   | one customer cannot check out          |               |          | warning  | true  | checkout  | degraded-performance | single-customer | 16 | 16 | 12",
      "reporting  | 사내 리포트 생성 실패                   |               |          | warning  | false | reporting | degraded-performance | internal-only   | 16 | 16 | 13",
      "search     | internal users only: admin search      |               |          | warning  | true  | search    | degraded-performance | internal-only   | 16 | 16 | 13",
      "reporting  | report job failed                      |               |          | warning  | false | reporting | degraded-performance | internal-only   | 16 | 16 | 15",
      "reporting  | internal server error                  |               |          | critical | false | reporting | outage               | internal-only   | 16 | 14 | 15",
      "inventory  | internal server error                  |               |          | warning  |       | inventory | degraded-performance | part-of-users   | 16 | 16 | 16",
      "inventory  | stock sync failed                      | meltdown      | meltdown | warning  |       | inventory | degraded-performance | part-of-users   | 16 | 16 | 16",
      "           | disk almost full                       |               |          | warning  |       |           | degraded-performance | part-of-users   | 16 | 16 | 16",
  })
  void classifies(String service, String text, String impact, String type, String severity, Boolean customerFacing,
      String expectedService, String expectedType, String expectedImpact, int serviceRule, int typeRule, int impactRule) {
    DecisionTable.Merged outcome = classify(service, text, impact, type, severity, customerFacing);
    assertThat(outcome.get("classifiedService")).isEqualTo(nz(expectedService));
    assertThat(outcome.get("classifiedIncidentType")).isEqualTo(expectedType);
    assertThat(outcome.get("classifiedImpactScope")).isEqualTo(expectedImpact);
    assertThat(outcome.rule("classifiedService")).as("rule deciding the service").isEqualTo(serviceRule);
    assertThat(outcome.rule("classifiedIncidentType")).as("rule deciding the type").isEqualTo(typeRule);
    assertThat(outcome.rule("classifiedImpactScope")).as("rule deciding the impact").isEqualTo(impactRule);
    RULES_HIT.add(serviceRule);
    RULES_HIT.add(typeRule);
    RULES_HIT.add(impactRule);
  }

  @Test
  void theHandbooksPaymentOutageIsAllUsersAndAnOutage() {
    DecisionTable.Merged outcome = classify("payments", "전체 사용자의 결제 서비스 불가", "전체 사용자의 결제 서비스 불가", "",
        "critical", true);
    assertThat(outcome.outputs()).containsEntry("classifiedImpactScope", "all-users")
        .containsEntry("classifiedIncidentType", "outage").containsEntry("classifiedService", "payments");
  }

  @Test
  void everyRuleIsExplainedAndTheLastAlwaysMatchesWithEveryOutput() {
    assertThat(TABLE.ruleDescriptions()).hasSize(TABLE.ruleCount()).allMatch(d -> d.length() > 20);
    DecisionTable.Merged nothing = classify("", "", "", "", "", null);
    assertThat(nothing.decidedBy()).containsOnlyKeys("classifiedService", "classifiedIncidentType",
        "classifiedImpactScope").allSatisfy((output, rule) -> assertThat(rule).isEqualTo(TABLE.ruleCount()));
  }

  @AfterAll
  static void everyRuleIsExercised() {
    assertThat(RULES_HIT).as("rules exercised").hasSize(TABLE.ruleCount());
  }
}
