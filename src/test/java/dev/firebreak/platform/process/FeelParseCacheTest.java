package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/** The cached FEEL engine answers exactly as Camunda's, for every input, on every evaluation. */
class FeelParseCacheTest {

  final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());
  final FeelParseCache.CachingFeelEngine cached = new FeelParseCache.CachingFeelEngine(List.of());

  static VariableContext with(Object input, Object tier) {
    return Variables.createVariables().putValue("input", input).putValue("serviceTier", tier).asVariableContext();
  }

  @Test
  void unaryTestsAnswerAsCamundaDoesForEveryInputWhenEvaluatedAgain() {
    List<String> tests = List.of("> 5", "[1..3]", "\"payments\",\"checkout\"", "not(\"search\")", "-", "",
        "contains(lower case(?), \"db\")", "? > serviceTier", "null");
    List<Object> inputs = java.util.Arrays.asList(1, 3, 7, "payments", "search", "Payment DB down", null);
    for (int round = 0; round < 2; round++) {
      for (String test : tests) {
        for (Object input : inputs) {
          boolean expected;
          try {
            expected = camunda.evaluateSimpleUnaryTests(test, "input", with(input, 2));
          } catch (FeelException e) {
            assertThatThrownBy(() -> cached.evaluateSimpleUnaryTests(test, "input", with(input, 2)))
                .as(test + " on " + input).isInstanceOf(FeelException.class).hasMessage(e.getMessage());
            continue;
          }
          assertThat(cached.evaluateSimpleUnaryTests(test, "input", with(input, 2))).as(test + " on " + input)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void expressionsAnswerAsCamundaDoesAndBrokenOnesFailTheSameWay() {
    for (int tier = 1; tier <= 3; tier++) {
      for (String expression : List.of("serviceTier + 1", "if serviceTier = 1 then \"SEV1\" else \"SEV2\"",
          "\"PT\" + string(serviceTier * 15) + \"M\"")) {
        Object expected = camunda.evaluateSimpleExpression(expression, with(null, tier));
        assertThat((Object) cached.evaluateSimpleExpression(expression, with(null, tier))).isEqualTo(expected);
        assertThat((Object) cached.evaluateSimpleExpression(expression, with(null, tier))).isEqualTo(expected);
      }
    }
    assertThatThrownBy(() -> cached.evaluateSimpleExpression("serviceTier +", with(null, 1)))
        .isInstanceOf(FeelException.class);
    assertThatThrownBy(() -> cached.evaluateSimpleUnaryTests("> >", "input", with(1, 1)))
        .isInstanceOf(FeelException.class);
  }
}
