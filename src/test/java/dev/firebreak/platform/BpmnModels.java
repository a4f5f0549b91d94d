package dev.firebreak.platform;

import dev.firebreak.drill.DrillProcess;

import dev.firebreak.escalation.EscalationProcess;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.intake.AlertClassification;
import dev.firebreak.lifecycle.LifecycleChangeProcess;
import dev.firebreak.notify.NotificationPlan;
import dev.firebreak.notify.StatusUpdateVariables;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;
import dev.firebreak.postmortem.ActionItemFollowUpProcess;
import dev.firebreak.postmortem.PostmortemProcess;
import dev.firebreak.recovery.RecoveryProcess;
import dev.firebreak.tracking.TrackingProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The process models in {@code processes/} as tests see them: the files, their parsed models, the
 * expressions they contain, the Spring beans those expressions name, and the variable contract
 * (the Java classes that declare every variable the models use).
 *
 * <p>Paths are relative to the project directory, which is the working directory of Maven's test run.
 */
public final class BpmnModels {

  public static final Path PROCESSES = Path.of("processes");
  public static final Path DMN = Path.of("dmn");
  public static final Path FORMS = Path.of("forms");

  /** The classes that declare the variables of the models (the contract between models and Java). */
  public static final List<Class<?>> CONTRACTS = List.of(IncidentProcess.class, RecoveryProcess.class,
      PostmortemProcess.class, DrillProcess.class, EscalationProcess.class, StatusUpdateVariables.class,
      ActionItemFollowUpProcess.class, TrackingProcess.class, NotificationPlan.class, AlertClassification.class,
      LifecycleChangeProcess.class, dev.firebreak.recovery.AutoSyncFollowUpProcess.class,
      dev.firebreak.postmortem.ReportCorrectionProcess.class);

  /** Each process id with the class of the element ids that code and tests refer to. */
  public static final Map<String, Class<?>> ELEMENTS = Map.ofEntries(
      Map.entry(IncidentProcess.ID, IncidentProcess.Elements.class),
      Map.entry(RecoveryProcess.ID, RecoveryProcess.Elements.class),
      Map.entry(PostmortemProcess.ID, PostmortemProcess.Elements.class),
      Map.entry(DrillProcess.ID, DrillProcess.Elements.class),
      Map.entry(dev.firebreak.escalation.EscalationProcess.ID, dev.firebreak.escalation.EscalationProcess.Elements.class),
      Map.entry(ActionItemFollowUpProcess.ID, ActionItemFollowUpProcess.Elements.class),
      Map.entry(TrackingProcess.ID, TrackingProcess.Elements.class),
      Map.entry(LifecycleChangeProcess.ID, LifecycleChangeProcess.Elements.class),
      Map.entry(dev.firebreak.recovery.AutoSyncFollowUpProcess.ID, dev.firebreak.recovery.AutoSyncFollowUpProcess.Elements.class),
      Map.entry(dev.firebreak.postmortem.ReportCorrectionProcess.ID, dev.firebreak.postmortem.ReportCorrectionProcess.Elements.class));

  /** Names the engine itself provides inside expressions; never Spring beans, never process variables. */
  public static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "externalTask", "variableScope",
      "caseExecution", "authenticatedUserId", "currentUser", "currentUserGroups", "dateTime", "S", "XML", "JSON");

  private static final Set<String> EL_KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or",
      "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
  private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([A-Za-z_][\\w]*)");

  /** One {@code ${...}} or {@code #{...}} in a model. */
  public record Expression(Path file, String elementId, String where, String body) {

    /** True when it stands in a {@code delegateExpression} attribute (service task or listener). */
    public boolean isDelegate() {
      return where.endsWith("@delegateExpression");
    }

    /** The identifiers the expression starts a member access with: {@code statusUpdates} in {@code statusUpdates.pending(execution)}. */
    public Set<String> roots() {
      Set<String> roots = new TreeSet<>();
      String code = QUOTED.matcher(body).replaceAll("''");
      Matcher m = IDENTIFIER.matcher(code);
      while (m.find()) {
        if (nextNonBlank(code, m.end()) == '.') {
          roots.add(m.group(1));
        }
      }
      return roots;
    }

    /** The plain identifiers (not followed by a dot or a call): process variables or engine names. */
    public Set<String> plainIdentifiers() {
      Set<String> names = new TreeSet<>();
      String code = QUOTED.matcher(body).replaceAll("''");
      Matcher m = IDENTIFIER.matcher(code);
      while (m.find()) {
        char next = nextNonBlank(code, m.end());
        if (next != '.' && next != '(' && next != ':' && !EL_KEYWORDS.contains(m.group(1))) {
          names.add(m.group(1));
        }
      }
      return names;
    }

    /** The Spring beans the expression names. */
    public Set<String> beanNames() {
      Set<String> beans = new TreeSet<>(roots());
      if (isDelegate()) {
        beans.addAll(plainIdentifiers());
      }
      beans.removeAll(ENGINE_NAMES);
      return beans;
    }

    private static char nextNonBlank(String s, int from) {
      for (int i = from; i < s.length(); i++) {
        if (!Character.isWhitespace(s.charAt(i))) {
          return s.charAt(i);
        }
      }
      return 0;
    }
  }

  private BpmnModels() {
  }

  /** processes/*.bpmn, sorted. */
  public static List<Path> processFiles() {
    return list(PROCESSES, ".bpmn");
  }

  public static String processId(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  public static BpmnModelInstance read(Path file) {
    return Bpmn.readModelFromFile(file.toFile());
  }

  /**
   * Every Spring bean a model refers to: the bean of each {@code delegateExpression} (service tasks,
   * execution and task listeners) and the first identifier of each member access in any other
   * expression ({@code statusUpdates} in {@code ${statusUpdates.pending(execution)}},
   * {@code drillSchedule} in {@code ${drillSchedule.cycle}}), less the names the engine provides.
   */
  public static Set<String> referencedBeanNames() {
    Set<String> beans = new TreeSet<>();
    for (Path file : processFiles()) {
      expressions(file).forEach(e -> beans.addAll(e.beanNames()));
    }
    return beans;
  }

  /** Every expression in a model file, from attributes and element text (conditions, timers). */
  public static List<Expression> expressions(Path file) {
    List<Expression> found = new ArrayList<>();
    collect(parse(file).getDocumentElement(), file, null, found);
    return found;
  }

  /** The names of every variable the contract classes declare. */
  public static Set<String> contractVariableNames() {
    return dev.firebreak.platform.process.ProcessContract.allNames(
        CONTRACTS.stream().map(dev.firebreak.platform.process.ProcessContract::new).toList());
  }

  /**
   * Each variable name of the contract with the public static fields that declare it
   * ({@code notifyOnCall} → {@code NotificationPlan.ON_CALL}), so tests can look for code that uses it.
   */
  public static Map<String, List<Field>> contractFields() {
    Map<String, List<Field>> fields = new TreeMap<>();
    for (Class<?> contract : CONTRACTS) {
      for (Field field : contract.getFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object value;
        try {
          value = field.get(null);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        String name = value instanceof ProcessVariable<?> v ? v.name()
            : value instanceof ChoiceVariable<?> c ? c.name() : null;
        if (name != null) {
          fields.computeIfAbsent(name, n -> new ArrayList<>()).add(field);
        }
      }
    }
    return fields;
  }

  /** The variables whose values are codes of an enum, by name. */
  public static Map<String, ChoiceVariable<?>> contractChoices() {
    Map<String, ChoiceVariable<?>> choices = new TreeMap<>();
    for (Class<?> contract : CONTRACTS) {
      for (Object value : staticValues(contract)) {
        if (value instanceof ChoiceVariable<?> c) {
          choices.put(c.name(), c);
        }
      }
    }
    return choices;
  }

  /** The values of the public static String constants of a class (the ids in an Elements class). */
  public static List<String> stringConstants(Class<?> type) {
    return staticValues(type).stream().filter(String.class::isInstance).map(String.class::cast).toList();
  }

  static List<Path> list(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Object> staticValues(Class<?> type) {
    List<Object> values = new ArrayList<>();
    for (Field field : type.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        try {
          values.add(field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }

  private static Document parse(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("Cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  private static void collect(Element element, Path file, String ownerId, List<Expression> found) {
    String id = element.hasAttribute("id") ? element.getAttribute("id") : ownerId;
    String tag = element.getLocalName();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      addAll(file, id, tag + "@" + attribute.getLocalName(), attribute.getValue(), found);
    }
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        addAll(file, id, tag, child.getNodeValue(), found);
      } else if (child instanceof Element e) {
        collect(e, file, id, found);
      }
    }
  }

  private static void addAll(Path file, String id, String where, String text, List<Expression> found) {
    if (text == null) {
      return;
    }
    Matcher m = EXPRESSION.matcher(text);
    while (m.find()) {
      found.add(new Expression(file, id, where, m.group(1).trim()));
    }
  }
}
