package dev.firebreak.platform.process;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Delegates run as whichever user completed the task that triggered them. Their own bookkeeping
 * queries (open tasks, deployed resources) must not be narrowed by that user's authorizations.
 */
public final class EngineAccess {

  private EngineAccess() {
  }

  public static <T> T withoutAuthorization(Supplier<T> work) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return work.get();
    }
    return context.runWithoutAuthorization(work::get);
  }

  /** The user the engine is acting for, or null for the job executor and timers. */
  public static String currentUser() {
    CommandContext context = Context.getCommandContext();
    if (context == null || context.getAuthentication() == null) {
      return null;
    }
    return context.getAuthentication().getUserId();
  }
}
