package dev.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;
import dev.firebreak.postmortem.PostmortemProcess;
import dev.firebreak.recovery.RecoveryProcess;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every form's keys are contract variables, and every choice offers exactly the contract's codes. */
class FormsTest {

  static final Map<String, Object> CONTRACT = contract();
  static final Set<String> ACTION_ITEM_FIELDS = Set.of("title", "owner", "dueDate");
  /** The fields of one row of restore-database's consistency checklist. */
  static final Set<String> CONSISTENCY_CHECK_FIELDS = Set.of("check", "result", "evidence");

  static Stream<File> forms() {
    return Stream.of(new File("forms").listFiles((dir, name) -> name.endsWith(".form")));
  }

  @ParameterizedTest
  @MethodSource("forms")
  void formUsesTheContract(File file) throws IOException {
    JsonNode form = new ObjectMapper().readTree(file);
    assertThat(form.path("id").asText()).isEqualTo(file.getName().replace(".form", ""));
    assertThat(form.path("schemaVersion").asInt()).isPositive();
    List<JsonNode> inputs = new ArrayList<>();
    collect(form.path("components"), inputs, false);
    Set<String> ids = new HashSet<>();
    walkIds(form.path("components"), ids);
    for (JsonNode input : inputs) {
      String key = input.path("key").asText();
      boolean inList = input.path("__inList").asBoolean(false);
      if (inList) {
        assertThat(file.getName().equals("restore-database.form") ? CONSISTENCY_CHECK_FIELDS : ACTION_ITEM_FIELDS)
            .as("%s: list field %s", file.getName(), key).contains(key);
        continue;
      }
      assertThat(CONTRACT).as("%s: key '%s' is a contract variable", file.getName(), key).containsKey(key);
      if (CONTRACT.get(key) instanceof ChoiceVariable<?> choice && input.has("values")) {
        List<String> offered = new ArrayList<>();
        input.path("values").forEach(v -> offered.add(v.path("value").asText()));
        assertThat(offered).as("%s: choices of %s", file.getName(), key).containsExactlyInAnyOrderElementsOf(choice.codes());
      }
    }
  }

  private static void collect(JsonNode components, List<JsonNode> inputs, boolean inList) {
    for (JsonNode component : components) {
      if ("dynamiclist".equals(component.path("type").asText())) {
        assertThat(CONTRACT).containsKey(component.path("path").asText());
        collect(component.path("components"), inputs, true);
      } else if (component.has("key")) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = component.deepCopy();
        copy.put("__inList", inList);
        inputs.add(copy);
      }
    }
  }

  private static void walkIds(JsonNode components, Set<String> ids) {
    for (JsonNode component : components) {
      assertThat(ids.add(component.path("id").asText())).as("unique component id %s", component.path("id")).isTrue();
      if (component.has("components")) {
        walkIds(component.path("components"), ids);
      }
    }
  }

  private static Map<String, Object> contract() {
    Map<String, Object> names = new HashMap<>();
    for (Class<?> type : BpmnModels.CONTRACTS) {
      for (Field field : type.getFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        try {
          Object value = field.get(null);
          if (value instanceof ProcessVariable<?> variable) {
            names.put(variable.name(), variable);
          } else if (value instanceof ChoiceVariable<?> choice) {
            names.put(choice.name(), choice);
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    names.put(PostmortemProcess.ACTION_ITEMS, PostmortemProcess.ACTION_ITEMS);
    names.put(RecoveryProcess.CONSISTENCY_CHECKS, RecoveryProcess.CONSISTENCY_CHECKS);
    return names;
  }
}
