package dev.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the changed task forms show: whole reports, the handbook's sections, answers left empty. */
class TaskFormsTest {

  /** The handbook's report (장애대응 문서 예시), section by section, with the variables that hold them. */
  static final List<String> HANDBOOK_SECTIONS = List.of("1. Overview (장애 개요)", "1. Overview (장애 개요)",
      "2. Detection (장애 탐지)", "3. Communication (장애 전파)", "4. Response actions (대응 조치)",
      "5. Root cause (원인 분석)", "6. Prevention measures (재발 방지 대책)", "7. Follow-up (후속 조치)",
      "8. Lessons learned (교훈 및 개선점)");
  static final List<String> SECTION_KEYS = List.of("postmortemSummary", "customerImpact", "detectionNotes",
      "communicationNotes", "responseTimeline", "rootCause", "preventionMeasures", "followUp", "lessonsLearned");

  static JsonNode form(String id) throws IOException {
    return new ObjectMapper().readTree(new File("forms/" + id + ".form"));
  }

  static List<JsonNode> components(JsonNode form) {
    List<JsonNode> all = new ArrayList<>();
    form.path("components").forEach(all::add);
    return all;
  }

  static JsonNode field(JsonNode form, String key) {
    return components(form).stream().filter(c -> key.equals(c.path("key").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no field " + key));
  }

  static List<String> sectionKeys(JsonNode form) {
    return components(form).stream().map(c -> c.path("key").asText()).filter(SECTION_KEYS::contains).toList();
  }

  @Test
  void writePostmortemAsksForTheHandbooksEightSectionsInOrder() throws IOException {
    JsonNode form = form("write-postmortem");
    assertThat(sectionKeys(form)).containsExactlyElementsOf(SECTION_KEYS);
    for (int i = 0; i < SECTION_KEYS.size(); i++) {
      JsonNode field = field(form, SECTION_KEYS.get(i));
      assertThat(field.path("label").asText()).startsWith(HANDBOOK_SECTIONS.get(i));
      assertThat(field.path("readonly").asBoolean(false)).as(SECTION_KEYS.get(i)).isFalse();
    }
    List<String> order = components(form).stream().map(c -> c.has("key") ? c.path("key").asText() : c.path("path").asText()).toList();
    assertThat(order.indexOf("actionItems")).as("action items belong to 6, prevention")
        .isEqualTo(order.indexOf("preventionMeasures") + 1);
  }

  @Test
  void writePostmortemShowsTheReviewersNotesOnRework() throws IOException {
    JsonNode notes = field(form("write-postmortem"), "postmortemReviewNotes");
    assertThat(notes.path("readonly").asBoolean()).isTrue();
    assertThat(notes.path("conditional").path("hide").asText()).isEqualTo("=postmortemReviewNotes = null");
  }

  @Test
  void approvePostmortemShowsTheWholeReportReadOnly() throws IOException {
    JsonNode form = form("approve-postmortem");
    assertThat(sectionKeys(form)).containsExactlyElementsOf(SECTION_KEYS);
    for (String key : SECTION_KEYS) {
      assertThat(field(form, key).path("readonly").asBoolean()).as(key).isTrue();
    }
    assertThat(components(form)).anyMatch(c -> c.path("type").asText().equals("text")
        && c.path("text").asText().contains("for item in actionItems"));
    assertThat(field(form, "postmortemDecision").path("readonly").asBoolean(false)).isFalse();
    assertThat(field(form, "postmortemReviewNotes").path("readonly").asBoolean(false)).isFalse();
  }

  @Test
  void confirmDeploymentShowsTheInstructionAsTextAndLeavesTheAnswerEmpty() throws IOException {
    JsonNode form = form("confirm-deployment");
    assertThat(components(form)).anyMatch(c -> c.path("type").asText().equals("text")
        && c.path("text").asText().contains("{{deploymentInstructions}}"));
    assertThat(components(form)).noneMatch(c -> "deploymentInstructions".equals(c.path("key").asText()));
    JsonNode details = field(form, "deploymentDetails");
    assertThat(details.has("defaultValue")).isFalse();
    assertThat(details.path("readonly").asBoolean(false)).isFalse();
  }
}
