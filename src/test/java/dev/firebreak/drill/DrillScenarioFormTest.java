package dev.firebreak.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The drill's start form (plan-drill-scenario, also the form of Plan drill scenario) offers
 * exactly the scenario library's scenarios, by id, in its order, labelled with their titles: a
 * scenario added to drill/scenarios.yml must be added to the form too.
 */
class DrillScenarioFormTest {

  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  @Test
  void scenarioOptionsAreTheLibrarysIds() throws Exception {
    JsonNode select = component("drillScenario");
    assertThat(select.path("type").asText()).isEqualTo("select");
    assertThat(select.path("validate").path("required").asBoolean()).isTrue();
    List<String> offered = new ArrayList<>();
    select.path("values").forEach(option -> offered.add(option.path("value").asText()));
    DrillScenarios library = new DrillScenarios();
    assertThat(offered).as("the form's scenarios = drill/scenarios.yml").containsExactlyElementsOf(library.ids());
    select.path("values").forEach(option -> {
      Map<String, Object> scenario = library.find(option.path("value").asText()).orElseThrow();
      assertThat(option.path("label").asText()).as("label of %s", option.path("value"))
          .startsWith(String.valueOf(scenario.get("title")));
    });
  }

  @Test
  void participantsArePickedFromTheDirectoryAndTheFormIsTheStartForm() throws Exception {
    // issue 11: a picker, not typed ids; its options are the directory's people, written into the start
    // form when it is served (platform.web.StartFormOptions: Tasklist gives a start form no variables)
    JsonNode participants = component("drillParticipants");
    assertThat(participants.path("type").asText()).isEqualTo("taglist");
    assertThat(participants.path("valuesKey").asText()).isEqualTo(DrillProcess.DRILL_PARTICIPANT_OPTIONS);
    assertThat(participants.path("validate").path("required").asBoolean()).isTrue();
    // the drill's initial start event (the one Tasklist's "Start process" uses) carries the form
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var bpmn = factory.newDocumentBuilder().parse(new File("processes/drill.bpmn"));
    var starts = bpmn.getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/MODEL", "startEvent");
    List<String> withForm = new ArrayList<>();
    for (int i = 0; i < starts.getLength(); i++) {
      Element start = (Element) starts.item(i);
      if ("plan-drill-scenario".equals(start.getAttributeNS(CAMUNDA, "formRef"))) {
        withForm.add(start.getAttribute("id"));
      }
    }
    assertThat(withForm).containsExactly(DrillProcess.Elements.QUARTERLY_TIMER);
  }

  /** The planning task has its own form: the same scenarios, the participants picked from the directory. */
  @Test
  void thePlanningTasksFormPicksParticipantsFromTheDirectory() throws Exception {
    JsonNode task = new ObjectMapper().readTree(new File("forms/plan-drill.form"));
    JsonNode start = new ObjectMapper().readTree(new File("forms/plan-drill-scenario.form"));
    JsonNode picker = null;
    JsonNode scenarios = null;
    for (JsonNode component : task.path("components")) {
      if ("drillParticipants".equals(component.path("key").asText())) {
        picker = component;
      } else if ("drillScenario".equals(component.path("key").asText())) {
        scenarios = component.path("values");
      }
    }
    assertThat(picker).isNotNull();
    assertThat(picker.path("type").asText()).isEqualTo("taglist");
    assertThat(picker.path("valuesKey").asText()).isEqualTo(DrillProcess.DRILL_PARTICIPANT_OPTIONS);
    assertThat(picker.path("validate").path("required").asBoolean()).isTrue();
    assertThat(scenarios).as("the same scenarios as the start form").isEqualTo(component("drillScenario").path("values"));
    assertThat(start.path("id").asText()).isEqualTo("plan-drill-scenario");
  }

  private static JsonNode component(String key) throws Exception {
    JsonNode form = new ObjectMapper().readTree(new File("forms/plan-drill-scenario.form"));
    for (JsonNode component : form.path("components")) {
      if (key.equals(component.path("key").asText())) {
        return component;
      }
    }
    throw new AssertionError("no field " + key + " in plan-drill-scenario.form");
  }
}
