package dev.firebreak.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.BpmnModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model check and the decision diff on proposed files, without the application. */
class ModelCheckTest {

  static final Set<String> BEANS = BpmnModels.referencedBeanNames();
  final ModelCheck check = new ModelCheck(BpmnModels.contractVariableNames(), BEANS::contains);

  @Test
  void aProcessWithoutAShapeAndWithAMissingFormHasBothProblems() throws IOException {
    String bpmn = read("processes/transition-tracking-issue.bpmn")
        .replaceAll("(?s)<bpmndi:BPMNShape id=\"TransitionTrackingIssue_di\".*?</bpmndi:BPMNShape>", "")
        .replace("<bpmn:serviceTask id=\"TransitionTrackingIssue\"", "<bpmn:userTask id=\"Extra\" name=\"Extra\" "
            + "camunda:candidateGroups=\"responders\" camunda:formRef=\"no-such-form\" camunda:formRefBinding=\"deployment\">"
            + "<bpmn:incoming>x</bpmn:incoming></bpmn:userTask><bpmn:serviceTask id=\"TransitionTrackingIssue\"")
        .replace("${transitionTrackingIssue}", "${noSuchBean}");
    List<String> problems = check.check(Map.of("transition-tracking-issue.bpmn", bytes(bpmn)), deployed())
        .stream().map(Object::toString).toList();
    assertThat(problems).anyMatch(p -> p.contains("TransitionTrackingIssue has no shape"))
        .anyMatch(p -> p.contains("Extra refers to form 'no-such-form'"))
        .anyMatch(p -> p.contains("names bean 'noSuchBean'"))
        .allMatch(p -> p.startsWith("transition-tracking-issue.bpmn: "));
  }

  @Test
  void referencesMayPointAtDeployedOrProposedFiles() throws IOException {
    Map<String, byte[]> proposed = Map.of("incident.bpmn", Files.readAllBytes(Path.of("processes/incident.bpmn")));
    assertThat(check.check(proposed, deployed())).isEmpty();
    assertThat(check.check(proposed, Map.of())).extracting(ModelCheck.Problem::message)
        .anyMatch(m -> m.contains("refers to form 'triage-incident', which is neither proposed nor deployed"))
        .anyMatch(m -> m.contains("refers to decision 'incident-severity'"));
  }

  @Test
  void conditionsUseContractVariables() throws IOException {
    String bpmn = read("processes/review-lifecycle-change.bpmn").replace("lifecycleChangeDecision ==", "approvedd ==");
    assertThat(check.check(Map.of("review-lifecycle-change.bpmn", bytes(bpmn)), deployed()))
        .extracting(ModelCheck.Problem::message)
        .containsExactly("Flow_Gateway_Approved_DeployLifecycleChange uses 'approvedd' in ${approvedd == 'approve'},"
            + " which is not a variable of the contract");
  }

  @Test
  void unreadableUploadsAreNamed() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("notes.txt", bytes("hello"));
    files.put("empty.dmn", new byte[0]);
    files.put("broken.bpmn", bytes("<bpmn:definitions"));
    files.put("entity.bpmn", bytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
    files.put("form.form", bytes("[1]"));
    assertThat(ModelCheck.unreadable(files)).extracting(Object::toString).containsExactly(
        "notes.txt: is not a .bpmn, .dmn or .form file", "empty.dmn: is empty",
        "broken.bpmn: " + ModelCheck.unreadable(Map.of("broken.bpmn", bytes("<bpmn:definitions"))).get(0).message(),
        ModelCheck.unreadable(Map.of("entity.bpmn", files.get("entity.bpmn"))).get(0).toString(),
        "form.form: is not a Camunda Form (a JSON object with components)");
    assertThat(ModelCheck.unreadable(files).get(2).message()).startsWith("is not well-formed XML");
    assertThat(ModelCheck.unreadable(files).get(3).message()).startsWith("is not well-formed XML")
        .contains("DOCTYPE");
    assertThat(ModelCheck.unreadable(Map.of())).extracting(ModelCheck.Problem::message).containsExactly("no file was proposed");
  }

  @Test
  void decisionDiffShowsTheChangedAddedAndRemovedRules() throws IOException {
    String before = read("dmn/postmortem-policy.dmn");
    String after = before
        .replace("Handbook follow-up: every SEV1 gets", "Every SEV1 gets")
        .replace("postmortem-policy-rule-1\"", "postmortem-policy-rule-new\"");
    String diff = DecisionDiff.of(Map.of("postmortem-policy.dmn", bytes(after)), deployed());
    assertThat(diff).startsWith("Decision postmortem-policy (postmortem-policy.dmn): 1 changed, 1 added, 1 removed rules")
        .contains("  ~ rule postmortem-policy-rule-2\n      description: Handbook follow-up: every SEV1 gets")
        .contains("  →  Every SEV1 gets")
        .contains("      when: Severity: \"SEV1\", Data integrity at risk: any, Drill: any")
        .contains("  + rule postmortem-policy-rule-new: A drill is reviewed")
        .contains("  - rule postmortem-policy-rule-1: A drill is reviewed");
    assertThat(DecisionDiff.of(Map.of("postmortem-policy.dmn", bytes(before)), deployed()))
        .isEqualTo("Decision postmortem-policy (postmortem-policy.dmn): 0 changed, 0 added, 0 removed rules"
            + " (the table's rules are as deployed)");
  }

  /** The shipped models, as if deployed. */
  static Map<String, byte[]> deployed() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Path dir : List.of(Path.of("processes"), Path.of("dmn"), Path.of("forms"))) {
      try (var list = Files.list(dir)) {
        for (Path file : list.sorted().toList()) {
          files.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
      }
    }
    return files;
  }

  private static String read(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
