package dev.firebreak.platform.process;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A deployment was refused because a diagram does what models may not (a script while scripts are
 * off, an expression reaching the engine). Camunda REST answers it 400 application/problem+json.
 */
public class ModelRefusedException extends ProcessEngineException {

  public ModelRefusedException(String message) {
    super(message);
  }

  /** The refusal in an exception's cause chain, or null. */
  public static ModelRefusedException in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ModelRefusedException refused) {
        return refused;
      }
    }
    return null;
  }
}
