package dev.firebreak.platform.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The services Firebreak knows: tier, status-page component, whether customers see them. Which team
 * owns a service is the contact directory's to say ({@code Directory.owningTeam}), not the catalog's.
 */
@Component
public class ServiceCatalog {

  private final Map<String, FirebreakProperties.ServiceEntry> services;

  public ServiceCatalog(FirebreakProperties properties) {
    this.services = properties.getServices();
  }

  public Optional<FirebreakProperties.ServiceEntry> find(String service) {
    return Optional.ofNullable(service).map(services::get);
  }

  /** The service's deploy target; an unknown service has none (the recording adapter). */
  public FirebreakProperties.Deploy deployTarget(String service) {
    return find(service).map(FirebreakProperties.ServiceEntry::getDeploy).orElseGet(FirebreakProperties.Deploy::new);
  }

  public boolean knows(String service) {
    return service != null && services.containsKey(service);
  }

  public Set<String> names() {
    return services.keySet();
  }
}
