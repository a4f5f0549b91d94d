package dev.firebreak.incident;

/** No incident has this key. */
public class IncidentNotFoundException extends RuntimeException {

  private final String key;

  public IncidentNotFoundException(String key) {
    super("No incident with key '" + key + "'");
    this.key = key;
  }

  public String key() {
    return key;
  }
}
