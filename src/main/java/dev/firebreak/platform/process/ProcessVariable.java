package dev.firebreak.platform.process;

import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable declared once, by name and type. BPMN, DMN and forms use {@link #name()}
 * exactly; Java reads and writes through this object so a rename is one change.
 *
 * <p>Values arrive from forms, REST and messages in loose shapes (a number as Long, a checkbox as
 * "true"), so reads convert to the declared type where that is unambiguous.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;

  private ProcessVariable(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
  }

  public static <T> ProcessVariable<T> of(String name, Class<T> type) {
    return new ProcessVariable<>(name, type);
  }

  public static ProcessVariable<String> string(String name) {
    return of(name, String.class);
  }

  public static ProcessVariable<Boolean> bool(String name) {
    return of(name, Boolean.class);
  }

  public static ProcessVariable<Integer> integer(String name) {
    return of(name, Integer.class);
  }

  public static ProcessVariable<Date> date(String name) {
    return of(name, Date.class);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** The value, converted to the declared type; null when the variable is not set. */
  public T get(VariableScope scope) {
    return convert(scope.getVariable(name));
  }

  public T getOrDefault(VariableScope scope, T fallback) {
    T value = get(scope);
    return value == null ? fallback : value;
  }

  /** The value; fails with a message naming the variable when it is missing. */
  public T require(VariableScope scope) {
    T value = get(scope);
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw InvalidVariableException.missing(name);
    }
    return value;
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }

  public T convert(Object raw) {
    if (raw == null) {
      return null;
    }
    if (type.isInstance(raw)) {
      return type.cast(raw);
    }
    Object converted = Conversions.convert(raw, type);
    if (converted == null) {
      throw new InvalidVariableException(name, "Process variable '" + name + "' should be "
          + type.getSimpleName() + " but is " + raw.getClass().getSimpleName() + " '" + raw + "'");
    }
    return type.cast(converted);
  }

  @Override
  public String toString() {
    return name + ":" + type.getSimpleName();
  }
}
