package dev.firebreak.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 6: the models' words have their Korean (timeline/models_ko.properties, read by
 * platform.i18n.ModelWords): every user task and posting step of every diagram, every rule of every
 * shipped decision table (which also has its English annotation), every output label, every text a rule
 * outputs, every answer a task completion names on the timeline with its options — and the bundle names
 * nothing that no model has. The English stays the models' own (timeline/models.properties has no key).
 */
class ModelWordsTest {

  static Properties load(String file) throws Exception {
    Properties properties = new Properties();
    try (var in = new InputStreamReader(new FileInputStream(file), StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return properties;
  }

  /** Every key the models call for. */
  static Set<String> keysOfTheModels(List<String> problems) throws Exception {
    Set<String> keys = new LinkedHashSet<>();
    for (File bpmn : new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"))) {
      var model = Bpmn.readModelFromFile(bpmn);
      model.getModelElementsByType(UserTask.class).forEach(task -> keys.add("step." + task.getId()));
      model.getModelElementsByType(ServiceTask.class).stream()
          .filter(task -> "${postSlackUpdate}".equals(task.getCamundaDelegateExpression()))
          .forEach(task -> keys.add("step." + task.getId()));
    }
    for (File dmn : new File("dmn").listFiles((dir, name) -> name.endsWith(".dmn"))) {
      for (Decision decision : Dmn.readModelFromFile(dmn).getModelElementsByType(Decision.class)) {
        if (!(decision.getExpression() instanceof DecisionTable table)) {
          continue;
        }
        List<Output> outputs = List.copyOf(table.getOutputs());
        outputs.forEach(output -> keys.add("output." + decision.getId() + "." + output.getName()));
        for (Rule rule : table.getRules()) {
          if (rule.getDescription() == null || rule.getDescription().getTextContent().isBlank()) {
            problems.add(dmn.getName() + ": rule " + rule.getId() + " has no annotation (its English)");
          }
          keys.add("rule." + decision.getId() + "." + rule.getId());
          List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
          for (int i = 0; i < entries.size(); i++) {
            String text = entries.get(i).getTextContent().trim();
            if (text.startsWith("\"") && text.contains(" ")) { // words, not a code
              keys.add("decided." + decision.getId() + "." + rule.getId() + "." + outputs.get(i).getName());
            }
          }
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    for (File form : new File("forms").listFiles((dir, name) -> name.endsWith(".form"))) {
      List<JsonNode> fields = new ArrayList<>();
      collect(json.readTree(form).path("components"), fields);
      for (JsonNode field : fields) {
        String key = field.path("key").asText("");
        if (!key.isEmpty() && RecordTaskCompletion.shownOnTimeline(key)) {
          keys.add("field." + key);
          field.path("values").forEach(option -> keys.add("option." + key + "." + option.path("value").asText()));
        }
      }
    }
    // the Diagnose form's strategies are a list the recovery feature fills (valuesKey), not the form's values
    for (dev.firebreak.recovery.RecoveryStrategy strategy : dev.firebreak.recovery.RecoveryStrategy.values()) {
      keys.add("option.recoveryStrategy." + strategy.code());
    }
    return keys;
  }

  static void collect(JsonNode components, List<JsonNode> into) {
    components.forEach(component -> {
      into.add(component);
      collect(component.path("components"), into);
    });
  }

  @Test
  void everyWordOfTheModelsHasItsKoreanAndTheBundleNothingElse() throws Exception {
    List<String> problems = new ArrayList<>();
    Set<String> wanted = keysOfTheModels(problems);
    Properties korean = load("src/main/resources/timeline/models_ko.properties");
    assertThat(wanted).as("the models call for words").hasSizeGreaterThan(100)
        .contains("step.TriageIncident", "rule.incident-severity.incident-severity-rule-1",
            "output.notification-plan.notifyCentralChannel",
            "decided.escalation-level.escalation-level-rule-3.escalationReason",
            "option.triageOutcome.acknowledge");
    for (String key : wanted) {
      if (korean.getProperty(key, "").isBlank()) {
        problems.add("timeline/models_ko.properties: missing " + key);
      }
    }
    for (String key : korean.stringPropertyNames()) {
      if (!wanted.contains(key)) {
        problems.add("timeline/models_ko.properties: " + key + " names nothing in processes/, dmn/ or forms/");
      }
    }
    assertThat(load("src/main/resources/timeline/models.properties")).as("the English is the models'").isEmpty();
    assertThat(problems).isEmpty();
  }
}
