package dev.firebreak.drill;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/** The scenario library (classpath drill/scenarios.yml): what a drill incident is declared as. */
@Component
public class DrillScenarios {

  private final Map<String, Map<String, Object>> scenarios = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  DrillScenarios() throws IOException {
    try (InputStream in = new ClassPathResource("drill/scenarios.yml").getInputStream()) {
      Map<String, Object> loaded = new Yaml().load(in);
      loaded.forEach((id, value) -> scenarios.put(id, (Map<String, Object>) value));
    }
  }

  public Optional<Map<String, Object>> find(String id) {
    return Optional.ofNullable(scenarios.get(id));
  }

  public Set<String> ids() {
    return scenarios.keySet();
  }
}
