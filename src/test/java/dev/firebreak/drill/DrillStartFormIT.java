package dev.firebreak.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.LifecycleClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 11: the drill's start form picks its participants from the contact directory. Tasklist gives a
 * start form no variables, so the form it fetches (deployed-start-form) carries the directory's people as
 * the taglist's options; what the picker submits (a Json list of ids, as Tasklist sends it) is still
 * checked, and an unknown person is a 400 naming the field and the person.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DrillStartFormIT {

  @LocalServerPort
  int port;
  @Autowired
  org.camunda.bpm.engine.RuntimeService runtime;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  static JsonNode participants(JsonNode form) {
    for (JsonNode component : form.path("components")) {
      if ("drillParticipants".equals(component.path("key").asText())) {
        return component;
      }
    }
    throw new AssertionError("no drillParticipants in " + form);
  }

  @Test
  void theStartFormOffersTheDirectorysPeopleAndChecksWhatIsPicked() {
    LifecycleClient.Response served = client.get("manager", "/engine-rest/process-definition/key/drill/deployed-start-form");
    assertThat(served.status()).as("%s", served.body()).isEqualTo(200);
    JsonNode picker = participants(served.body());
    assertThat(picker.path("type").asText()).isEqualTo("taglist");
    assertThat(picker.has("valuesKey")).as("static options now: the start form has no variables").isFalse();
    List<String> offered = new ArrayList<>();
    picker.path("values").forEach(option -> offered.add(option.path("value").asText()));
    assertThat(offered).contains("responder", "manager", "payments-dev");
    assertThat(picker.path("values").toString()).contains("{\"label\":\"Rae Responder (responder)\",\"value\":\"responder\"}");
    // the other components as deployed
    assertThat(served.body().path("id").asText()).isEqualTo("plan-drill-scenario");

    // a form of a process without a picker is served as deployed
    LifecycleClient.Response declare = client.get("responder",
        "/engine-rest/process-definition/key/incident/deployed-start-form");
    assertThat(declare.status()).isEqualTo(200);
    assertThat(declare.body().path("id").asText()).isEqualTo("declare-incident");

    // as Tasklist submits a taglist: a Json list of the picked ids
    LifecycleClient.Response refused = client.post("manager", "/engine-rest/process-definition/key/drill/submit-form",
        Map.of("variables", Map.of("drillScenario", Map.of("value", "search-outage"),
            "drillParticipants", Map.of("type", "Json", "value", "[\"responder\",\"nobody\"]"))));
    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("drillParticipants");
    assertThat(refused.body().path("detail").asText()).contains("nobody");

    LifecycleClient.Response started = client.post("manager", "/engine-rest/process-definition/key/drill/submit-form",
        Map.of("variables", Map.of("drillScenario", Map.of("value", "search-outage"),
            "drillParticipants", Map.of("type", "Json", "value", "[\"responder\",\"payments-dev\"]"))));
    assertThat(started.status()).as("%s", started.body()).isEqualTo(200);
    assertThat(runtime.getVariable(started.body().path("id").asText(), "participantIds"))
        .isEqualTo(List.of("responder", "payments-dev"));
  }
}
