package dev.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.BpmnModels.Expression;
import dev.firebreak.platform.process.ChoiceVariable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a process owner's edit in Camunda Modeler must keep true, checked without an engine: every
 * BPMN in processes/ parses, draws completely, and everything it refers to exists — forms, decisions,
 * called processes, the element ids code uses and the variables of the contract classes.
 */
class ModelIntegrityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
  private static final Pattern NAME = Pattern.compile("(?<![\\w.$])[A-Za-z_]\\w*");
  private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern CHOICE_COMPARISON =
      Pattern.compile("([A-Za-z_]\\w*)\\s*(?:==|!=|\\beq\\b|\\bne\\b)\\s*'([^']*)'");

  private static Set<String> formIds;
  private static Set<String> decisionIds;
  private static Set<String> processIds;

  @BeforeAll
  static void readReferencedModels() throws IOException {
    formIds = new TreeSet<>();
    for (Path form : BpmnModels.list(BpmnModels.FORMS, ".form")) {
      JsonNode id = JSON.readTree(form.toFile()).get("id");
      if (id != null && id.isTextual()) {
        formIds.add(id.asText());
      }
    }
    decisionIds = new TreeSet<>();
    for (Path dmn : BpmnModels.list(BpmnModels.DMN, ".dmn")) {
      Dmn.readModelFromFile(dmn.toFile()).getModelElementsByType(Decision.class)
          .forEach(d -> decisionIds.add(d.getId()));
    }
    processIds = new TreeSet<>();
    for (Path file : BpmnModels.processFiles()) {
      BpmnModels.read(file).getModelElementsByType(Process.class).forEach(p -> processIds.add(p.getId()));
    }
  }

  static List<Path> models() {
    return BpmnModels.processFiles();
  }

  @Test
  void theProcessesExist() {
    assertThat(models()).extracting(BpmnModels::processId)
        .contains("incident", "recovery", "postmortem", "drill", "action-item-follow-up", "transition-tracking-issue",
            "review-lifecycle-change");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void processIsExecutableNamedAfterItsFileAndExpires(Path file) {
    BpmnModelInstance model = BpmnModels.read(file);
    List<Process> executable = model.getModelElementsByType(Process.class).stream()
        .filter(Process::isExecutable).toList();
    assertThat(executable).as("executable processes in %s", file).hasSize(1);
    Process process = executable.get(0);
    assertThat(process.getId()).isEqualTo(BpmnModels.processId(file));
    assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive").isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void diagramShowsEveryElement(Path file) {
    BpmnModelInstance model = BpmnModels.read(file);
    Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement() != null).map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .filter(e -> e.getBpmnElement() != null).map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> withoutShape = ids(model.getModelElementsByType(FlowNode.class));
    withoutShape.removeAll(shapes);
    assertThat(withoutShape).as("%s: flow nodes without a shape", file).isEmpty();
    Set<String> withoutEdge = ids(model.getModelElementsByType(SequenceFlow.class));
    withoutEdge.removeAll(edges);
    assertThat(withoutEdge).as("%s: sequence flows without an edge", file).isEmpty();
    assertThat(model.getModelElementsByType(BpmnEdge.class)).as("%s: edges with waypoints", file)
        .allSatisfy(e -> assertThat(e.getWaypoints()).hasSizeGreaterThanOrEqualTo(2));
    Set<String> subProcesses = ids(model.getModelElementsByType(SubProcess.class));
    assertThat(model.getModelElementsByType(BpmnShape.class))
        .filteredOn(s -> s.getBpmnElement() != null && subProcesses.contains(s.getBpmnElement().getId()))
        .as("%s: sub-processes drawn expanded", file).allSatisfy(s -> assertThat(s.isExpanded()).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void userTasksHaveSomeoneToDoThemAndADeployedForm(Path file) {
    SoftAssertions softly = new SoftAssertions();
    for (UserTask task : BpmnModels.read(file).getModelElementsByType(UserTask.class)) {
      softly.assertThat(task.getCamundaCandidateGroups() != null || task.getCamundaAssignee() != null)
          .as("%s: %s has candidate groups or an assignee", file, task.getId()).isTrue();
      softly.assertThat(task.getCamundaFormRef()).as("%s: %s formRef", file, task.getId()).isIn(formIds);
      softly.assertThat(task.getCamundaFormRefBinding()).as("%s: %s formRefBinding", file, task.getId()).isEqualTo("deployment");
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void startFormsAreDeployedForms(Path file) {
    SoftAssertions softly = new SoftAssertions();
    for (StartEvent start : BpmnModels.read(file).getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        softly.assertThat(start.getCamundaFormRef()).as("%s: %s formRef", file, start.getId()).isIn(formIds);
        softly.assertThat(start.getCamundaFormRefBinding()).as("%s: %s formRefBinding", file, start.getId())
            .isEqualTo("deployment");
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void decisionsAreDeployedDecisions(Path file) {
    SoftAssertions softly = new SoftAssertions();
    for (BusinessRuleTask task : BpmnModels.read(file).getModelElementsByType(BusinessRuleTask.class)) {
      softly.assertThat(task.getCamundaDecisionRef()).as("%s: %s decisionRef", file, task.getId()).isIn(decisionIds);
      softly.assertThat(task.getCamundaDecisionRefBinding()).as("%s decisionRefBinding", task.getId())
          .isEqualTo("deployment");
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void decisionsAreRecordedFromTheEnginesDecisionResult(Path file) {
    SoftAssertions softly = new SoftAssertions();
    for (BusinessRuleTask task : BpmnModels.read(file).getModelElementsByType(BusinessRuleTask.class)) {
      // the engine keeps the DmnDecisionResult in the transient variable "decisionResult" and refuses a
      // result variable of that name (ENGINE-17006); applyDecision (incident) sets the outputs as variables
      // and updates the record, then recordDecision (audit) writes the timeline entry; a process owned by a
      // feature above incident applies its outputs with its own listener (customer-follow-up:
      // applyCompensationPolicy, postmortem), since a listener never lives below the process it serves
      softly.assertThat(task.getCamundaResultVariable()).as("%s resultVariable", task.getId())
          .isNotEqualTo("decisionResult");
      String apply = file.getFileName().toString().equals("customer-follow-up.bpmn")
          ? "end ${applyCompensationPolicy}" : "end ${applyDecision}";
      softly.assertThat(executionListeners(task)).as("%s execution listeners", task.getId())
          .containsSubsequence(apply, "end ${recordDecision}");
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void atMostOneNoneOrTimerStartEventPerProcess(Path file) {
    // Camunda 7 refuses a process with two of them: a second way to start is a message start event
    for (Process process : BpmnModels.read(file).getModelElementsByType(Process.class)) {
      long blankOrTimer = process.getChildElementsByType(StartEvent.class).stream()
          .filter(start -> start.getEventDefinitions().isEmpty()
              || start.getEventDefinitions().stream().allMatch(TimerEventDefinition.class::isInstance))
          .count();
      assertThat(blankOrTimer).as("none or timer start events of %s", process.getId()).isLessThanOrEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void calledProcessesExist(Path file) {
    assertThat(BpmnModels.read(file).getModelElementsByType(CallActivity.class))
        .allSatisfy(call -> assertThat(call.getCalledElement()).as("%s: %s calledElement", file, call.getId()).isIn(processIds));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void splittingGatewaysAskAQuestionAndGuardEveryPath(Path file) {
    SoftAssertions softly = new SoftAssertions();
    for (ExclusiveGateway gateway : BpmnModels.read(file).getModelElementsByType(ExclusiveGateway.class)) {
      Collection<SequenceFlow> outgoing = gateway.getOutgoing();
      if (outgoing.size() < 2) {
        continue;
      }
      softly.assertThat(gateway.getName()).as("%s name", gateway.getId()).isNotBlank().endsWith("?");
      for (SequenceFlow flow : outgoing) {
        ConditionExpression condition = flow.getConditionExpression();
        boolean isDefault = flow.equals(gateway.getDefault());
        softly.assertThat(isDefault || (condition != null && !condition.getTextContent().isBlank()))
            .as("%s -> %s has a condition or is the default", gateway.getId(), flow.getTarget().getId()).isTrue();
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void elementIdsThatCodeUsesExist(Path file) {
    Class<?> elements = BpmnModels.ELEMENTS.get(BpmnModels.processId(file));
    assertThat(elements).as("Elements class for %s", file).isNotNull();
    BpmnModelInstance model = BpmnModels.read(file);
    assertThat(BpmnModels.stringConstants(elements))
        .allSatisfy(id -> assertThat((Object) model.getModelElementById(id)).as("element %s", id).isNotNull());
  }

  @Test
  void messagesCodeCorrelatesAreDeclared() {
    assertThat(messageNames("incident")).contains(dev.firebreak.incident.IncidentProcess.MESSAGE_ALERT_FIRED);
    assertThat(messageNames("incident")).contains(dev.firebreak.incident.IncidentProcess.MESSAGE_ESCALATION_REQUESTED);
    assertThat(messageNames("recovery")).contains(dev.firebreak.recovery.RecoveryProcess.MESSAGE_DEPLOYMENT_FINISHED);
    assertThat(messageNames("action-item-follow-up"))
        .contains(dev.firebreak.postmortem.ActionItemFollowUpProcess.MESSAGE_ACTION_ITEM_DONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void expressionsUseContractVariablesAndCodes(Path file) {
    Set<String> variables = BpmnModels.contractVariableNames();
    Set<String> beans = BpmnModels.referencedBeanNames();
    SoftAssertions softly = new SoftAssertions();
    for (Expression expression : BpmnModels.expressions(file)) {
      if (expression.isDelegate()) {
        continue;
      }
      for (String name : expression.plainIdentifiers()) {
        if (!BpmnModels.ENGINE_NAMES.contains(name) && !beans.contains(name)) {
          softly.assertThat(variables).as("variable '%s' in %s of %s", name, expression.where(),
              expression.elementId()).contains(name);
        }
      }
      Matcher m = CHOICE_COMPARISON.matcher(expression.body());
      while (m.find()) {
        ChoiceVariable<?> choice = BpmnModels.contractChoices().get(m.group(1));
        if (choice != null) {
          softly.assertThat(choice.codes()).as("'%s' compared with %s in %s", m.group(2), m.group(1),
              expression.elementId()).contains(m.group(2));
        }
      }
    }
    BpmnModelInstance model = BpmnModels.read(file);
    for (CamundaIn in : model.getModelElementsByType(CamundaIn.class)) {
      checkMapped(softly, variables, in.getCamundaSource(), in.getCamundaTarget(), "camunda:in");
    }
    for (CamundaOut out : model.getModelElementsByType(CamundaOut.class)) {
      checkMapped(softly, variables, out.getCamundaSource(), out.getCamundaTarget(), "camunda:out");
    }
    softly.assertAll();
  }

  /**
   * A decision output nobody reads is a rule nobody follows: every output of every table in dmn/ is a
   * variable of the contract and is read by a diagram (an expression or a camunda:in), another
   * decision's input, a form (a field's key or a FEEL expression) or main code (the contract constant,
   * used other than in its declaration or a {@code .set(...)}).
   */
  @Test
  void everyDecisionOutputIsDeclaredAndRead() throws IOException {
    Map<String, List<Field>> contract = BpmnModels.contractFields();
    Set<String> readByDiagrams = namesReadByDiagrams();
    Set<String> readByDecisions = namesReadByDecisionInputs();
    Set<String> readByForms = namesReadByForms();
    Map<Path, String> sources = mainSources();
    List<String> problems = new ArrayList<>();
    for (Path file : BpmnModels.list(BpmnModels.DMN, ".dmn")) {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      for (Output output : model.getModelElementsByType(Output.class)) {
        String decision = output.getParentElement().getParentElement().getAttributeValue("id");
        String name = output.getName();
        String where = "decision '" + decision + "' (" + file + ") output '" + name + "'";
        List<Field> fields = contract.get(name);
        if (fields == null) {
          problems.add(where + " is not declared in the variable contract (a ProcessVariable in one of "
              + "BpmnModels.CONTRACTS)");
          continue;
        }
        boolean read = readByDiagrams.contains(name) || readByDecisions.contains(name) || readByForms.contains(name)
            || fields.stream().anyMatch(f -> readByCode(f, sources));
        if (!read) {
          String constants = fields.stream().map(f -> f.getDeclaringClass().getSimpleName() + "." + f.getName())
              .collect(Collectors.joining(", "));
          problems.add(where + " is decided but never read: no expression in processes/*.bpmn, no decision input"
              + " in dmn/, no form in forms/ and no code in src/main/java reads " + constants
              + " — use it or drop it from the table and the contract");
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  /** The model check as a service (what reviews a proposed lifecycle change) agrees: the shipped models are sound. */
  @Test
  void theModelCheckServiceFindsNoProblemInTheShippedModels() throws IOException {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    for (Path file : Stream.of(BpmnModels.processFiles(), BpmnModels.list(BpmnModels.DMN, ".dmn"),
        BpmnModels.list(BpmnModels.FORMS, ".form")).flatMap(List::stream).toList()) {
      files.put(file.getFileName().toString(), Files.readAllBytes(file));
    }
    Set<String> beans = BpmnModels.referencedBeanNames();
    assertThat(new dev.firebreak.lifecycle.ModelCheck(BpmnModels.contractVariableNames(), beans::contains)
        .check(files, Map.of())).isEmpty();
  }

  @Test
  void beansAreNotNamedLikeVariables() {
    Set<String> beans = BpmnModels.referencedBeanNames();
    assertThat(beans).isNotEmpty().doesNotContainAnyElementsOf(BpmnModels.contractVariableNames());
  }

  private static Set<String> namesReadByDiagrams() {
    Set<String> names = new TreeSet<>();
    for (Path file : BpmnModels.processFiles()) {
      for (Expression expression : BpmnModels.expressions(file)) {
        if (!expression.isDelegate()) {
          names.addAll(expression.plainIdentifiers());
        }
      }
      for (CamundaIn in : BpmnModels.read(file).getModelElementsByType(CamundaIn.class)) {
        if (in.getCamundaSource() != null) {
          names.add(in.getCamundaSource());
        }
      }
    }
    return names;
  }

  private static Set<String> namesReadByDecisionInputs() {
    Set<String> names = new TreeSet<>();
    for (Path file : BpmnModels.list(BpmnModels.DMN, ".dmn")) {
      for (InputExpression input : Dmn.readModelFromFile(file.toFile()).getModelElementsByType(InputExpression.class)) {
        if (input.getText() != null) {
          names.addAll(namesIn(input.getText().getTextContent()));
        }
      }
    }
    return names;
  }

  private static Set<String> namesReadByForms() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path form : BpmnModels.list(BpmnModels.FORMS, ".form")) {
      collectFormNames(JSON.readTree(form.toFile()), names);
    }
    return names;
  }

  private static void collectFormNames(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      node.fields().forEachRemaining(entry -> {
        JsonNode value = entry.getValue();
        if (value.isTextual() && ("key".equals(entry.getKey()) || "path".equals(entry.getKey()))) {
          names.add(value.asText());
        } else if (value.isTextual() && value.asText().startsWith("=")) {
          names.addAll(namesIn(value.asText().substring(1)));
        } else if (value.isTextual() && value.asText().contains("{{")) {
          Matcher template = Pattern.compile("\\{\\{(.*?)}}").matcher(value.asText());
          while (template.find()) {
            names.addAll(namesIn(template.group(1)));
          }
        } else {
          collectFormNames(value, names);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectFormNames(child, names));
    }
  }

  private static Set<String> namesIn(String expression) {
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(QUOTED.matcher(expression).replaceAll("''"));
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  /** src/main/java/**.java by path, comments and string literals blanked out. */
  private static Map<Path, String> mainSources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      Map<Path, String> sources = new java.util.TreeMap<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.put(file, codeOnly(Files.readString(file)));
      }
      return sources;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Java source with its comments, string and character literals (text blocks too) turned into spaces. */
  static String codeOnly(String java) {
    StringBuilder code = new StringBuilder(java.length());
    int i = 0;
    while (i < java.length()) {
      char c = java.charAt(i);
      String end = null;
      if (java.startsWith("//", i)) {
        end = "\n";
      } else if (java.startsWith("/*", i)) {
        end = "*/";
      } else if (java.startsWith("\"\"\"", i)) {
        end = "\"\"\"";
      } else if (c == '"' || c == '\'') {
        end = String.valueOf(c);
      }
      if (end == null) {
        code.append(c);
        i++;
        continue;
      }
      boolean comment = end.equals("\n") || end.equals("*/");
      int j = i + (comment ? 2 : end.length());
      while (j < java.length() && !java.startsWith(end, j)) {
        j += java.charAt(j) == '\\' && !comment ? 2 : 1;
      }
      j = Math.min(java.length(), j + end.length());
      code.append(" ".repeat(j - i));
      i = j;
    }
    return code.toString();
  }

  /**
   * True when main code reads the contract constant: {@code NotificationPlan.ON_CALL} anywhere, or a bare
   * {@code ON_CALL} in its own class or where it is statically imported; its declaration and
   * {@code ON_CALL.set(...)} (a write) do not count.
   */
  private static boolean readByCode(Field field, Map<Path, String> sources) {
    Class<?> top = field.getDeclaringClass();
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    Path ownFile = MAIN_SOURCES.resolve(top.getName().replace('.', '/') + ".java");
    String constant = Pattern.quote(field.getName());
    String notAWrite = "\\b(?!\\s*\\.\\s*set\\s*\\()";
    Pattern qualified = Pattern.compile("\\b" + Pattern.quote(field.getDeclaringClass().getSimpleName()) + "\\s*\\.\\s*"
        + constant + notAWrite);
    Pattern bare = Pattern.compile("(?<![\\w.$])" + constant + notAWrite + "(?!\\s*=[^=])");
    Pattern staticImport = Pattern.compile("import\\s+static\\s+"
        + Pattern.quote(field.getDeclaringClass().getCanonicalName()) + "\\s*\\.\\s*(?:" + constant + "|\\*)\\s*;");
    for (Map.Entry<Path, String> source : sources.entrySet()) {
      String code = source.getValue();
      if (qualified.matcher(code).find()) {
        return true;
      }
      if ((source.getKey().equals(ownFile) || staticImport.matcher(code).find()) && bare.matcher(code).find()) {
        return true;
      }
    }
    return false;
  }

  private static void checkMapped(SoftAssertions softly, Set<String> variables, String source, String target,
      String what) {
    for (String name : new String[] {source, target}) {
      if (name != null) {
        softly.assertThat(variables).as("%s variable '%s'", what, name).contains(name);
      }
    }
  }

  private static List<String> executionListeners(BaseElement element) {
    if (element.getExtensionElements() == null) {
      return List.of();
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list()
        .stream().map(l -> l.getCamundaEvent() + " " + l.getCamundaDelegateExpression()).toList();
  }

  private static Set<String> messageNames(String processId) {
    Path file = BpmnModels.PROCESSES.resolve(processId + ".bpmn");
    return BpmnModels.read(file).getModelElementsByType(Message.class).stream().map(Message::getName)
        .collect(Collectors.toSet());
  }

  private static Set<String> ids(Collection<? extends BaseElement> elements) {
    List<String> ids = new ArrayList<>();
    elements.forEach(e -> ids.add(e.getId()));
    return new TreeSet<>(ids);
  }
}
