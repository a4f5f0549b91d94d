package dev.firebreak.directory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/** Loads the contact list from firebreak.directory.seed (the demo profile sets one) into an empty directory. */
@Component
@Order(3)
class DirectorySeed implements ApplicationRunner {

  private final Directory directory;
  private final Resource seed;

  DirectorySeed(Directory directory, @Value("${firebreak.directory.seed:}") String location, ResourceLoader resources) {
    this.directory = directory;
    this.seed = location == null || location.isBlank() ? null : resources.getResource(location);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void run(ApplicationArguments args) throws IOException {
    if (seed == null) {
      return;
    }
    if (!seed.exists()) {
      throw new IllegalStateException("firebreak.directory.seed points to " + seed + ", which does not exist");
    }
    try (InputStream in = seed.getInputStream()) {
      Map<String, Object> yaml = new Yaml().load(in);
      List<Directory.Person> people = ((List<Map<String, Object>>) yaml.getOrDefault("people", List.of())).stream()
          .map(p -> new Directory.Person(str(p, "id"), str(p, "name"), str(p, "email"), str(p, "phone"),
              str(p, "slackUser"))).toList();
      List<Directory.Team> teams = ((List<Map<String, Object>>) yaml.getOrDefault("teams", List.of())).stream()
          .map(t -> new Directory.Team(str(t, "id"), str(t, "name"), ((Number) t.get("tier")).intValue(),
              (List<String>) t.get("services"), (List<String>) t.get("members"),
              ((Number) t.get("rotationHours")).intValue(), Instant.parse(str(t, "rotationStart")))).toList();
      directory.seed(people, teams);
    }
  }

  private static String str(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? null : value.toString();
  }
}
