package dev.firebreak.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A served start form's pickers get the options a FormOptions bean has for their valuesKey; nothing else changes. */
class StartFormOptionsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static FormOptions people() {
    return new FormOptions() {
      @Override
      public String valuesKey() {
        return "drillParticipantOptions";
      }

      @Override
      public String options() {
        return "[{\"label\":\"Rae Responder (responder)\",\"value\":\"responder\"}]";
      }
    };
  }

  @Test
  void theDrillStartFormsPickerGetsTheOptions() throws Exception {
    byte[] deployed = Files.readAllBytes(Path.of("forms/plan-drill-scenario.form"));
    byte[] served = StartFormOptions.fill(deployed, Map.of("drillParticipantOptions", people()), JSON);
    assertThat(served).isNotNull();
    JsonNode before = JSON.readTree(deployed);
    JsonNode after = JSON.readTree(served);
    JsonNode picker = null;
    for (int i = 0; i < after.path("components").size(); i++) {
      JsonNode component = after.path("components").get(i);
      if ("drillParticipants".equals(component.path("key").asText())) {
        picker = component;
      } else {
        assertThat(component).as("untouched").isEqualTo(before.path("components").get(i));
      }
    }
    assertThat(picker).isNotNull();
    assertThat(picker.has("valuesKey")).isFalse();
    assertThat(picker.path("values").toString()).isEqualTo("[{\"label\":\"Rae Responder (responder)\",\"value\":\"responder\"}]");
    assertThat(picker.path("validate").path("required").asBoolean()).isTrue();
  }

  @Test
  void aFormWithoutSuchAPickerOrNotAFormIsLeftAsItIs() throws Exception {
    Map<String, FormOptions> providers = Map.of("drillParticipantOptions", people());
    assertThat(StartFormOptions.fill(Files.readAllBytes(Path.of("forms/declare-incident.form")), providers, JSON)).isNull();
    assertThat(StartFormOptions.fill("<html></html>".getBytes(StandardCharsets.UTF_8), providers, JSON)).isNull();
    assertThat(StartFormOptions.fill("{\"components\":[{\"type\":\"taglist\",\"key\":\"x\",\"valuesKey\":\"other\"}]}"
        .getBytes(StandardCharsets.UTF_8), providers, JSON)).isNull();
  }
}
