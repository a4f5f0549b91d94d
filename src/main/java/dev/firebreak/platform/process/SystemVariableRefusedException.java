package dev.firebreak.platform.process;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A person tried to write variables that only Firebreak writes, or that the form being submitted
 * does not have; the command was refused before it changed anything. Answered as 400
 * application/problem+json with the refused names in {@code variables}, on Firebreak's API and on
 * Camunda REST alike.
 */
public class SystemVariableRefusedException extends BadUserRequestException {

  private final List<String> variables;

  public SystemVariableRefusedException(List<String> variables, String reason) {
    super("Variables " + variables + " may not be set here: " + reason);
    this.variables = List.copyOf(variables);
  }

  public List<String> variables() {
    return variables;
  }

  /** The refusal in an exception's cause chain, or null. */
  public static SystemVariableRefusedException in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SystemVariableRefusedException refused) {
        return refused;
      }
    }
    return null;
  }
}
