package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.config.ServiceCatalog;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 11: the start form *Declare incident* and POST /api/incidents give the same severity for the
 * same declaration. The form is submitted as Tasklist does, as the demo responder over Camunda REST:
 * only the form's own fields, each left as the form shows it (its default) unless the person filled it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DeclareIncidentFormIT {

  static final File FORM = new File("forms/declare-incident.form");

  @LocalServerPort
  int port;
  @Autowired
  ServiceCatalog catalog;

  LifecycleClient client;

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  /** The form's fields with the values an untouched form submits, and what the person filled in. */
  static Map<String, Object> formSubmission(Map<String, Object> filled) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (JsonNode component : new ObjectMapper().readTree(FORM).path("components")) {
      if (!component.has("key")) {
        continue;
      }
      String key = component.path("key").asText();
      Object untouched = switch (component.path("type").asText()) {
        case "checkbox" -> component.path("defaultValue").asBoolean(false);
        case "textfield", "textarea" -> component.path("defaultValue").asText("");
        default -> component.has("defaultValue") ? component.path("defaultValue").asText() : null;
      };
      values.put(key, filled.containsKey(key) ? filled.get(key) : untouched);
    }
    assertThat(values.keySet()).as("filled fields are the form's").containsAll(filled.keySet());
    return values;
  }

  static Map<String, Object> typed(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Map<String, Object> typed = new HashMap<>();
      typed.put("value", value);
      variables.put(name, typed);
    });
    return variables;
  }

  JsonNode declaredThroughTheForm(Map<String, Object> filled) throws IOException {
    LifecycleClient.Response started = client.post("responder",
        "/engine-rest/process-definition/key/incident/submit-form", Map.of("variables", typed(formSubmission(filled))));
    assertThat(started.status()).as("submit-form: %s", started.body()).isEqualTo(200);
    String instance = started.body().path("id").asText();
    for (JsonNode incident : client.get("auditor", "/api/incidents?service=" + filled.get("service")).body()) {
      JsonNode record = incident.has("incident") ? incident.path("incident") : incident;
      if (instance.equals(record.path("processInstanceId").asText())) {
        return record;
      }
    }
    throw new AssertionError("no incident for process instance " + instance);
  }

  JsonNode declaredThroughTheApi(Map<String, Object> declaration) {
    LifecycleClient.Response declared = client.post("responder", "/api/incidents", declaration);
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.body().path("incident");
  }

  @ParameterizedTest(name = "{0}, {1}, {2} → {3} both ways")
  @CsvSource({
      // the case: search is customer-facing (tier 2); an untouched checkbox said it was not (SEV3)
      "search,    outage,               all-users,       SEV2",
      "payments,  database,             all-users,       SEV1",
      "checkout,  degraded-performance, single-customer, SEV3",
      "reporting, outage,               all-users,       SEV3",
      "reporting, outage,               internal-only,   SEV4",
  })
  void theFormAndTheApiGiveTheSameSeverityForTheSameDeclaration(String service, String type, String impact,
      String severity) throws IOException {
    String title = "Same declaration " + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> declaration = Map.of("title", title, "service", service, "incidentType", type,
        "impactScope", impact);
    JsonNode viaApi = declaredThroughTheApi(declaration);
    JsonNode viaForm = declaredThroughTheForm(declaration);
    assertThat(viaApi.path("severity").asText()).isEqualTo(severity);
    assertThat(viaForm.path("severity").asText()).as("the form, left as it is, takes the catalog's values")
        .isEqualTo(viaApi.path("severity").asText());
    assertThat(viaForm.path("source").asText()).isEqualTo("tasklist");
  }

  @Test
  void aPersonMaySayBetterThanTheCatalog() throws IOException {
    Map<String, Object> filled = new LinkedHashMap<>(Map.of("title", "Search down for staff only",
        "service", "search", "incidentType", "outage", "impactScope", "all-users", "customerFacing", "no"));
    assertThat(declaredThroughTheForm(filled).path("severity").asText()).as("all users of an internal view")
        .isEqualTo("SEV3");
    assertThat(declaredThroughTheApi(Map.of("title", "Search down for staff only", "service", "search",
        "incidentType", "outage", "impactScope", "all-users", "customerFacing", false)).path("severity").asText())
        .isEqualTo("SEV3");
  }

  @Test
  void theFormOffersTheCatalogsServicesAndUsesTheCatalogUntilTouched() throws IOException {
    List<String> services = new ArrayList<>();
    JsonNode components = new ObjectMapper().readTree(FORM).path("components");
    for (JsonNode component : components) {
      if ("service".equals(component.path("key").asText())) {
        component.path("values").forEach(v -> services.add(v.path("value").asText()));
      }
      if ("customerFacing".equals(component.path("key").asText())) {
        assertThat(component.path("type").asText()).isEqualTo("select");
        assertThat(component.path("defaultValue").asText()).isEqualTo(IncidentDeclaration.FROM_CATALOG);
      }
    }
    assertThat(services).containsExactlyInAnyOrderElementsOf(catalog.names());
  }
}
