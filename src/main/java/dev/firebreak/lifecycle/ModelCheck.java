package dev.firebreak.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.w3c.dom.Document;

/**
 * The model check as a service: what {@code ModelIntegrityTest} holds for processes/, dmn/ and
 * forms/, applied to a proposed set of files together with the deployed files they replace or
 * complement. Each check below is one method; each problem names the file and the element.
 */
public final class ModelCheck {

  /** One thing wrong with a proposed file. */
  public record Problem(String file, String message) {
    @Override
    public String toString() {
      return file + ": " + message;
    }
  }

  private final Set<String> variables;
  private final Predicate<String> beanExists;

  /**
   * @param variables the names of the variable contract ({@code ProcessContract.allNames})
   * @param beanExists whether the application has a bean of that name (delegates, expression beans)
   */
  public ModelCheck(Set<String> variables, Predicate<String> beanExists) {
    this.variables = Set.copyOf(variables);
    this.beanExists = beanExists;
  }

  /** Problems that make a proposal unusable: no file, a file of another kind, a file that does not parse. */
  public static List<Problem> unreadable(Map<String, byte[]> proposed) {
    List<Problem> problems = new ArrayList<>();
    if (proposed.isEmpty()) {
      problems.add(new Problem("(none)", "no file was proposed"));
    }
    proposed.forEach((name, bytes) -> {
      try {
        ModelFiles.read(name, bytes);
      } catch (ModelFiles.Unreadable e) {
        problems.add(new Problem(name, e.getMessage()));
      }
    });
    return problems;
  }

  /**
   * Every problem of the proposed files (by file name), where references may point to another
   * proposed file or to a deployed one (the latest deployed file of each name, by file name).
   */
  public List<Problem> check(Map<String, byte[]> proposed, Map<String, byte[]> deployed) {
    List<Problem> problems = new ArrayList<>(unreadable(proposed));
    Map<String, byte[]> readable = new TreeMap<>();
    proposed.forEach((name, bytes) -> {
      if (problems.stream().noneMatch(p -> p.file().equals(name))) {
        readable.put(ModelFiles.fileName(name), bytes);
      }
    });
    Map<String, byte[]> all = new LinkedHashMap<>();
    deployed.entrySet().stream().filter(ModelFiles::readable)
        .forEach(e -> all.put(ModelFiles.fileName(e.getKey()), e.getValue()));
    all.putAll(readable);
    Known known = Known.of(all);

    for (Map.Entry<String, byte[]> file : readable.entrySet()) {
      String name = file.getKey();
      switch (ModelFiles.kind(name).orElseThrow()) {
        case BPMN -> checkProcess(name, file.getValue(), known, problems);
        case DMN -> checkDecisions(name, ModelFiles.dmn(file.getValue()), problems);
        case FORM -> checkForm(name, ModelFiles.form(file.getValue()), problems);
      }
    }
    return problems;
  }

  private void checkProcess(String file, byte[] bytes, Known known, List<Problem> problems) {
    BpmnModelInstance model = ModelFiles.bpmn(bytes);
    Document xml = ModelFiles.xml(bytes);
    Report report = new Report(file, problems);
    executableNamedAfterItsFileAndExpires(file, model, report);
    diagramShowsEveryElement(model, report);
    userTasksHaveSomeoneAndAKnownForm(model, known, report);
    decisionsAndCalledProcessesExist(model, known, report);
    expressionsUseContractVariablesAndExistingBeans(xml, report);
    mappedVariablesAreContractVariables(model, report);
  }

  /** One executable process, its id the file name, with a history time to live. */
  private static void executableNamedAfterItsFileAndExpires(String file, BpmnModelInstance model, Report report) {
    List<Process> executable = model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
    if (executable.size() != 1) {
      report.add("has " + executable.size() + " executable processes; it must have exactly one");
      return;
    }
    Process process = executable.get(0);
    if (!process.getId().equals(ModelFiles.baseName(file))) {
      report.add("process id '" + process.getId() + "' must be the file name '" + ModelFiles.baseName(file) + "'");
    }
    if (blank(process.getCamundaHistoryTimeToLiveString())) {
      report.add("process '" + process.getId() + "' has no historyTimeToLive (the engine refuses it)");
    }
  }

  /** A shape for every flow node and an edge for every sequence flow, so Modeler and Cockpit draw it all. */
  private static void diagramShowsEveryElement(BpmnModelInstance model, Report report) {
    Set<String> shapes = new TreeSet<>();
    model.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnElement() != null)
        .forEach(s -> shapes.add(s.getBpmnElement().getId()));
    Set<String> edges = new TreeSet<>();
    model.getModelElementsByType(BpmnEdge.class).stream().filter(e -> e.getBpmnElement() != null)
        .forEach(e -> edges.add(e.getBpmnElement().getId()));
    for (String id : ids(model.getModelElementsByType(FlowNode.class))) {
      if (!shapes.contains(id)) {
        report.add(id + " has no shape in the diagram");
      }
    }
    for (String id : ids(model.getModelElementsByType(SequenceFlow.class))) {
      if (!edges.contains(id)) {
        report.add("sequence flow " + id + " has no edge in the diagram");
      }
    }
  }

  /** Each user task has candidate groups or an assignee, and a formRef (deployment-bound) to a known form. */
  private static void userTasksHaveSomeoneAndAKnownForm(BpmnModelInstance model, Known known, Report report) {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (blank(task.getCamundaCandidateGroups()) && blank(task.getCamundaAssignee())
          && blank(task.getCamundaCandidateUsers())) {
        report.add(task.getId() + " has no candidate groups and no assignee: nobody would see it");
      }
      formRefIsKnown(task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding(), true, known, report);
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      formRefIsKnown(start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding(), false, known, report);
    }
  }

  private static void formRefIsKnown(String id, String formRef, String binding, boolean required, Known known,
      Report report) {
    if (blank(formRef)) {
      if (required) {
        report.add(id + " has no formRef (a form in forms/)");
      }
      return;
    }
    if (!known.forms.contains(formRef)) {
      report.add(id + " refers to form '" + formRef + "', which is neither proposed nor deployed");
    }
    if (!"deployment".equals(binding)) {
      report.add(id + " must bind its form with formRefBinding=\"deployment\"");
    }
  }

  /** Every decisionRef and calledElement names a proposed or deployed decision or process. */
  private static void decisionsAndCalledProcessesExist(BpmnModelInstance model, Known known, Report report) {
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      String ref = task.getCamundaDecisionRef();
      if (blank(ref) || !known.decisions.contains(ref)) {
        report.add(task.getId() + " refers to decision '" + ref + "', which is neither proposed nor deployed");
      }
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      String called = call.getCalledElement();
      if (blank(called) || !known.processes.contains(called)) {
        report.add(call.getId() + " calls process '" + called + "', which is neither proposed nor deployed");
      }
    }
  }

  /**
   * Plain names in expressions are contract variables or the engine's names; a delegate expression
   * and the first name of a member access name a bean the application has.
   */
  private void expressionsUseContractVariablesAndExistingBeans(Document xml, Report report) {
    for (ModelExpressions.Expression expression : ModelExpressions.of(xml)) {
      Set<String> beans = new TreeSet<>(expression.roots());
      if (expression.isDelegate()) {
        beans.addAll(expression.plainIdentifiers());
      } else {
        for (String name : expression.plainIdentifiers()) {
          if (!variables.contains(name) && !ModelExpressions.ENGINE_NAMES.contains(name) && !beanExists.test(name)) {
            report.add(expression.elementId() + " uses '" + name + "' in ${" + expression.body()
                + "}, which is not a variable of the contract");
          }
        }
      }
      beans.removeAll(ModelExpressions.ENGINE_NAMES);
      beans.removeAll(variables);
      for (String bean : beans) {
        if (!beanExists.test(bean)) {
          report.add(expression.elementId() + " names bean '" + bean + "' in ${" + expression.body()
              + "}, which the application does not have");
        }
      }
    }
  }

  /** camunda:in and camunda:out pass variables of the contract. */
  private void mappedVariablesAreContractVariables(BpmnModelInstance model, Report report) {
    for (CamundaIn in : model.getModelElementsByType(CamundaIn.class)) {
      mapped(in.getCamundaSource(), in.getCamundaTarget(), "camunda:in", report);
    }
    for (CamundaOut out : model.getModelElementsByType(CamundaOut.class)) {
      mapped(out.getCamundaSource(), out.getCamundaTarget(), "camunda:out", report);
    }
  }

  private void mapped(String source, String target, String what, Report report) {
    for (String name : new String[] {source, target}) {
      if (name != null && !variables.contains(name)) {
        report.add(what + " passes '" + name + "', which is not a variable of the contract");
      }
    }
  }

  /** Decisions need a history time to live (the engine refuses them otherwise). */
  private static void checkDecisions(String file, DmnModelInstance model, List<Problem> problems) {
    Report report = new Report(file, problems);
    Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
    if (decisions.isEmpty()) {
      report.add("has no decision");
    }
    for (Decision decision : decisions) {
      if (blank(decision.getCamundaHistoryTimeToLiveString())) {
        report.add("decision '" + decision.getId() + "' has no historyTimeToLive (the engine refuses it)");
      }
    }
  }

  /** A form's id is its file name (what formRef names). */
  private static void checkForm(String file, JsonNode form, List<Problem> problems) {
    String id = form.path("id").asText("");
    if (!id.equals(ModelFiles.baseName(file))) {
      problems.add(new Problem(file, "form id '" + id + "' must be the file name '" + ModelFiles.baseName(file) + "'"));
    }
  }

  /** The ids that references may point to: forms, decisions and processes of the proposed and deployed files. */
  private record Known(Set<String> forms, Set<String> decisions, Set<String> processes) {

    static Known of(Map<String, byte[]> files) {
      Known known = new Known(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
      files.forEach((name, bytes) -> {
        switch (ModelFiles.kind(name).orElseThrow()) {
          case BPMN -> ModelFiles.bpmn(bytes).getModelElementsByType(Process.class)
              .forEach(p -> known.processes.add(p.getId()));
          case DMN -> ModelFiles.dmn(bytes).getModelElementsByType(Decision.class)
              .forEach(d -> known.decisions.add(d.getId()));
          case FORM -> {
            String id = ModelFiles.form(bytes).path("id").asText("");
            if (!id.isEmpty()) {
              known.forms.add(id);
            }
          }
        }
      });
      return known;
    }
  }

  private record Report(String file, List<Problem> problems) {
    void add(String message) {
      problems.add(new Problem(file, message));
    }
  }

  private static Set<String> ids(Collection<? extends BaseElement> elements) {
    Set<String> ids = new TreeSet<>();
    elements.forEach(e -> ids.add(e.getId()));
    return ids;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
