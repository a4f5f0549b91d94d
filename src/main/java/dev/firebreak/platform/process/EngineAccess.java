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

  private static final ThreadLocal<Boolean> SYSTEM = new ThreadLocal<>();

  /**
   * Runs Firebreak's own code that writes system variables while a person is authenticated (the
   * declaration API starts the incident with {@code source} and the record's fields, as the person,
   * so they are its initiator). The variable guard lets writes through inside; nothing a person
   * sends reaches the engine this way without Firebreak's own validation first.
   */
  public static <T> T asSystem(Supplier<T> work) {
    Boolean outer = SYSTEM.get();
    SYSTEM.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        SYSTEM.remove();
      } else {
        SYSTEM.set(outer);
      }
    }
  }

  /** Whether the current thread runs inside {@link #asSystem}. */
  public static boolean isSystem() {
    return Boolean.TRUE.equals(SYSTEM.get());
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
