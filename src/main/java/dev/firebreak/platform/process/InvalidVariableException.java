package dev.firebreak.platform.process;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A process variable a step needs is missing or has a value it cannot take. It is the request's
 * fault, not the server's: Camunda REST answers it 400 (it is a {@link BadUserRequestException}),
 * and the message names the variable, so a start or completion without a required field is a
 * clear 400, never a 500.
 */
public class InvalidVariableException extends BadUserRequestException {

  private final String variable;

  public InvalidVariableException(String variable, String message) {
    super(message);
    this.variable = variable;
  }

  /** The variable is required but not set. */
  public static InvalidVariableException missing(String variable) {
    return new InvalidVariableException(variable, "Process variable '" + variable + "' is required but not set");
  }

  public String variable() {
    return variable;
  }
}
