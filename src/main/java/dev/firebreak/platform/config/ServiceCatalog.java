package dev.firebreak.platform.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The services Firebreak knows: tier, owning team, whether customers see them. */
@Component
public class ServiceCatalog {

  private final Map<String, FirebreakProperties.ServiceEntry> services;

  public ServiceCatalog(FirebreakProperties properties) {
    this.services = properties.getServices();
  }

  public Optional<FirebreakProperties.ServiceEntry> find(String service) {
    return Optional.ofNullable(service).map(services::get);
  }

  public boolean knows(String service) {
    return service != null && services.containsKey(service);
  }

  public Set<String> names() {
    return services.keySet();
  }

  /** The Camunda group of the team that owns the service (team-service when not configured). */
  public String owningTeam(String service) {
    return find(service).map(FirebreakProperties.ServiceEntry::getTeam).filter(t -> !t.isBlank())
        .orElse("team-" + service);
  }
}
