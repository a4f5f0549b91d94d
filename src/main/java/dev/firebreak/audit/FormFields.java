package dev.firebreak.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.process.EngineAccess;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The keys a deployed Camunda Form lets a person edit (read-only fields and texts excluded). */
@Component
class FormFields {

  private final RepositoryService repository;
  private final ObjectMapper json;
  private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

  FormFields(@Lazy RepositoryService repository, ObjectMapper json) {
    this.repository = repository;
    this.json = json;
  }

  List<String> editableKeys(String deploymentId, String formId) {
    return cache.computeIfAbsent(deploymentId + "/" + formId,
        k -> EngineAccess.withoutAuthorization(() -> load(deploymentId, formId)));
  }

  private List<String> load(String deploymentId, String formId) {
    for (String resource : repository.getDeploymentResourceNames(deploymentId)) {
      if (!resource.endsWith(".form")) {
        continue;
      }
      try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
        JsonNode form = json.readTree(in);
        if (formId.equals(form.path("id").asText())) {
          List<String> keys = new ArrayList<>();
          collect(form.path("components"), keys);
          return keys;
        }
      } catch (IOException e) {
        throw new IllegalStateException("Form resource " + resource + " is not valid JSON", e);
      }
    }
    return List.of();
  }

  private static void collect(JsonNode components, List<String> keys) {
    for (JsonNode component : components) {
      if (component.path("readonly").asBoolean(false)) {
        continue;
      }
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      } else if ("dynamiclist".equals(component.path("type").asText()) && component.hasNonNull("path")) {
        keys.add(component.get("path").asText());
      } else if (component.has("components")) {
        collect(component.get("components"), keys);
      }
    }
  }
}
