package dev.firebreak.incident;

import dev.firebreak.platform.web.NotFoundException;

/** No incident has this key. */
public class IncidentNotFoundException extends NotFoundException {

  private final String key;

  public IncidentNotFoundException(String key) {
    super("No incident with key '" + key + "'");
    this.key = key;
  }

  public String key() {
    return key;
  }

  @Override
  public String title() {
    return "Incident not found";
  }
}
