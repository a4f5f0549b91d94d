package dev.firebreak.platform.process;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Right;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.stereotype.Component;

/**
 * The decision tables' FEEL, parsed once per expression instead of on every evaluation. Camunda's
 * {@link ScalaFeelEngine} parses each input entry and expression every time a rule is tested: with
 * the FEEL 1.19.3 root context, most of what an incident start costs (see docs/BENCHMARKS.md,
 * "Incidents start fast"). Parsing is a pure function of the text, so the parsed expression is kept
 * and evaluated with exactly the context ScalaFeelEngine builds; an expression that does not parse
 * or fails goes the original way, so errors read as before.
 */
@Component
class FeelParseCache extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    DefaultDmnEngineConfiguration decisions = dmn;
    // created when the DMN engine is built, after the engine handed over its custom functions
    dmn.feelEngineFactory(() -> new CachingFeelEngine(decisions.getFeelCustomFunctionProviders() == null
        ? List.of() : decisions.getFeelCustomFunctionProviders()));
  }

  /** ScalaFeelEngine with its parsing cached; evaluation and its context are ScalaFeelEngine's. */
  static final class CachingFeelEngine extends ScalaFeelEngine {

    /** More distinct expressions than any set of deployed tables has: then the cache starts over. */
    private static final int LIMIT = 20_000;

    private final ConcurrentHashMap<String, Either<?, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Either<?, ParsedExpression>> expressions = new ConcurrentHashMap<>();

    CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
      super(functionProviders);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
      ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
      if (parsed != null) {
        VariableProvider input = new VariableProvider.StaticVariableProvider(
            new Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
        VariableProvider variables = new ContextVariableWrapper(variableContext);
        Either<?, Object> result = feelEngine.eval(parsed, new CustomContext() {
          @Override
          public VariableProvider variableProvider() {
            return new VariableProvider.CompositeVariableProvider(toScalaList(input, variables));
          }
        });
        if (result instanceof Right<?, Object> right) {
          return BoxesRunTime.unboxToBoolean(right.value());
        }
      }
      return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
      ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
      if (parsed != null) {
        Either<?, Object> result = feelEngine.eval(parsed, new CustomContext() {
          @Override
          public VariableProvider variableProvider() {
            return new ContextVariableWrapper(variableContext);
          }
        });
        if (result instanceof Right<?, Object> right) {
          return (T) right.value();
        }
      }
      return super.evaluateSimpleExpression(expression, variableContext);
    }

    private static ParsedExpression parsed(ConcurrentHashMap<String, Either<?, ParsedExpression>> cache,
        String expression, Function<String, Either<?, ParsedExpression>> parse) {
      if (expression == null) {
        return null;
      }
      if (cache.size() > LIMIT) {
        cache.clear();
      }
      Either<?, ParsedExpression> parsed = cache.computeIfAbsent(expression, parse);
      return parsed instanceof Right<?, ParsedExpression> right ? right.value() : null;
    }
  }
}
