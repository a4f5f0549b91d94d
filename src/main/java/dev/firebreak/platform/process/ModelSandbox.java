package dev.firebreak.platform.process;

import java.beans.FeatureDescriptor;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.scripting.engine.DefaultScriptEngineResolver;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptingEngines;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What a deployed diagram may run (a deployed diagram is code, but code a process owner deploys
 * without a build). Three limits, set on the engine before it starts:
 *
 * <ol>
 *   <li><b>Beans.</b> Expressions resolve only Firebreak's own {@link JavaDelegate},
 *       {@link ExecutionListener} and {@link TaskListener} beans and the beans marked
 *       {@link ModelBean}; {@code ${jdbcTemplate}}, {@code ${identityService}}, {@code ${dataSource}}
 *       and every other bean of the context are unknown to them.</li>
 *   <li><b>No engine, no reflection from an expression.</b> Reading or calling
 *       {@code processEngineServices}, {@code processEngine}, {@code class}, {@code classLoader} on
 *       anything fails, and so does anything on a {@code Class}, class loader or reflection object:
 *       deployment refuses diagrams that spell it, and evaluation refuses it if it is built some other
 *       way.</li>
 *   <li><b>No scripts</b> unless {@code firebreak.models.scripts-enabled=true}: deployment refuses
 *       script tasks, {@code camunda:script} listeners, inputs and outputs, and script conditions; the
 *       engine resolves no script engine (DMN scripts included).</li>
 * </ol>
 */
@Component
public class ModelSandbox extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ModelSandbox.class);

  /** Members an expression may never read or call, on any object. */
  static final Set<String> FORBIDDEN_MEMBERS = Set.of("processEngineServices", "getProcessEngineServices",
      "processEngine", "getProcessEngine", "class", "getClass", "classLoader", "getClassLoader",
      "applicationContext", "getApplicationContext");

  private static final Pattern FORBIDDEN_IN_EXPRESSION = Pattern.compile(
      "[.\\[]\\s*['\"]?(" + String.join("|", FORBIDDEN_MEMBERS) + ")\\b");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{[^}]*}");

  private static final String FIREBREAK = "dev.firebreak.";

  private final ApplicationContext context;
  private final boolean scriptsEnabled;
  private volatile Set<String> allowed;

  ModelSandbox(ApplicationContext context, @Value("${firebreak.models.scripts-enabled:false}") boolean scriptsEnabled) {
    this.context = context;
    this.scriptsEnabled = scriptsEnabled;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Map<Object, Object> beans = new AllowedBeans();
    configuration.setBeans(beans);
    configuration.setExpressionManager(new GuardedExpressionManager(context, beans));
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new ModelCheck(scriptsEnabled));
    if (!scriptsEnabled) {
      configuration.setScriptingEngines(new NoScripts());
    }
  }

  /** The names expressions resolve, computed once the context is up. */
  public Set<String> allowedBeanNames() {
    Set<String> names = allowed;
    if (names == null) {
      names = new TreeSet<>();
      for (Class<?> type : List.of(JavaDelegate.class, ExecutionListener.class, TaskListener.class)) {
        for (String name : context.getBeanNamesForType(type, true, false)) {
          if (firebreaks(name)) {
            names.add(name);
          }
        }
      }
      names.addAll(List.of(context.getBeanNamesForAnnotation(ModelBean.class)));
      names = Collections.unmodifiableSet(names);
      allowed = names;
      log.info("Expressions in models resolve these beans only: {}", names);
    }
    return names;
  }

  /** Whether the bean is Firebreak's own: its class, or the configuration class whose method makes it. */
  private boolean firebreaks(String name) {
    Class<?> beanType = context.getType(name, false);
    if (beanType != null && beanType.getName().startsWith(FIREBREAK)) {
      return true;
    }
    if (context.getAutowireCapableBeanFactory() instanceof ConfigurableListableBeanFactory factory
        && factory.containsBeanDefinition(name)
        && factory.getBeanDefinition(name) instanceof AnnotatedBeanDefinition definition
        && definition.getFactoryMethodMetadata() != null) {
      return definition.getFactoryMethodMetadata().getDeclaringClassName().startsWith(FIREBREAK);
    }
    return false;
  }

  /** A read-only view of the allowed beans, resolved from the context when an expression names one. */
  private final class AllowedBeans extends AbstractMap<Object, Object> {
    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && allowedBeanNames().contains(name);
    }

    @Override
    public Object get(Object key) {
      return containsKey(key) ? context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      Set<Entry<Object, Object>> entries = new LinkedHashSet<>();
      allowedBeanNames().forEach(name -> entries.add(new SimpleImmutableEntry<>(name, context.getBean(name))));
      return Collections.unmodifiableSet(entries);
    }
  }

  /** Spring's expression manager (allowed beans only), with the escape guard ahead of every resolver. */
  static final class GuardedExpressionManager extends SpringExpressionManager {
    GuardedExpressionManager(ApplicationContext context, Map<Object, Object> beans) {
      super(context, beans);
    }

    @Override
    protected ELResolver createElResolver() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(new EscapeGuard());
      resolver.add(super.createElResolver());
      return resolver;
    }
  }

  /** Refuses the members and objects through which an expression could leave the sandbox. */
  static final class EscapeGuard extends ELResolver {
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      check(base, property);
      return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      check(base, method);
      return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      check(base, property);
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      check(base, property);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      check(base, property);
      return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return null;
    }

    private static void check(Object base, Object member) {
      if (base == null) {
        return;
      }
      String name = member == null ? "" : member.toString();
      if (FORBIDDEN_MEMBERS.contains(name) || dangerous(base)) {
        throw new ProcessEngineException("Expression refused: models may not use '" + name + "' of "
            + base.getClass().getSimpleName() + " (see README, What models may do)");
      }
    }

    private static boolean dangerous(Object base) {
      String type = base.getClass().getName();
      return base instanceof Class<?> || base instanceof ClassLoader || base instanceof Thread
          || base instanceof Runtime || base instanceof ProcessBuilder
          || base instanceof org.camunda.bpm.engine.ProcessEngineServices
          || base instanceof org.springframework.beans.factory.BeanFactory
          || type.startsWith("java.lang.reflect.") || type.startsWith("java.lang.invoke.");
    }
  }

  /** Refuses, at deployment, scripts (unless enabled) and expressions that spell an escape. */
  static final class ModelCheck extends AbstractBpmnParseListener {
    private final boolean scriptsEnabled;

    ModelCheck(boolean scriptsEnabled) {
      this.scriptsEnabled = scriptsEnabled;
    }

    @Override
    public void parseRootElement(Element root, List<ProcessDefinitionEntity> processDefinitions) {
      List<String> problems = new ArrayList<>();
      walk(root, problems);
      if (!problems.isEmpty()) {
        throw new ModelRefusedException("Deployment refused: " + String.join("; ", problems));
      }
    }

    private void walk(Element element, List<String> problems) {
      String tag = localName(element.getTagName());
      String where = element.attribute("id") == null ? "<" + tag + ">" : "'" + element.attribute("id") + "'";
      if (!scriptsEnabled) {
        if (tag.equals("scriptTask")) {
          problems.add("script task " + where + " (scripts are off: firebreak.models.scripts-enabled=false)");
        } else if (tag.equals("script")) {
          problems.add("camunda:script in a listener, input or output (scripts are off: "
              + "firebreak.models.scripts-enabled=false)");
        } else if (element.attribute("language") != null && !element.attribute("language").isBlank()) {
          problems.add("script " + tag + " " + where + " in language '" + element.attribute("language")
              + "' (scripts are off: firebreak.models.scripts-enabled=false)");
        }
      }
      for (String value : values(element)) {
        Matcher expression = EXPRESSION.matcher(value);
        while (expression.find()) {
          Matcher forbidden = FORBIDDEN_IN_EXPRESSION.matcher(expression.group());
          if (forbidden.find()) {
            problems.add("expression " + expression.group() + " in " + where + " uses '" + forbidden.group(1)
                + "', which models may not reach");
          }
        }
      }
      for (Element child : element.elements()) {
        if (!(tag.equals("scriptTask") && localName(child.getTagName()).equals("script"))) {
          walk(child, problems);
        }
      }
    }

    private static List<String> values(Element element) {
      List<String> values = new ArrayList<>();
      for (String attribute : element.attributes()) {
        String value = element.attribute(attribute);
        if (value != null) {
          values.add(value);
        }
      }
      if (element.getText() != null) {
        values.add(element.getText());
      }
      return values;
    }

    private static String localName(String tag) {
      int colon = tag.indexOf(':');
      return colon < 0 ? tag : tag.substring(colon + 1);
    }
  }

  /** The engine's script engines, switched off: any script, in BPMN or DMN, fails to run. */
  static final class NoScripts extends ScriptingEngines {
    NoScripts() {
      super(new DefaultScriptEngineResolver(new javax.script.ScriptEngineManager()));
    }

    @Override
    public javax.script.ScriptEngine getScriptEngineForLanguage(String language) {
      throw new ProcessEngineException("Scripts are off (firebreak.models.scripts-enabled=false): no '"
          + language + "' script runs");
    }
  }
}
