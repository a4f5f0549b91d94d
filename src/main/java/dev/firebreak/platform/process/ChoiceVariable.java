package dev.firebreak.platform.process;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A string variable whose value is one code of a {@link Coded} enum. Forms offer exactly these
 * codes and DMN tables compare against them; the model-integrity test holds both to it.
 */
public final class ChoiceVariable<E extends Enum<E> & Coded> {

  private final ProcessVariable<String> variable;
  private final Class<E> choices;

  private ChoiceVariable(String name, Class<E> choices) {
    this.variable = ProcessVariable.string(name);
    this.choices = choices;
  }

  public static <E extends Enum<E> & Coded> ChoiceVariable<E> of(String name, Class<E> choices) {
    return new ChoiceVariable<>(name, choices);
  }

  public String name() {
    return variable.name();
  }

  public Class<E> choices() {
    return choices;
  }

  public List<String> codes() {
    return Coded.codes(choices);
  }

  public Optional<E> get(VariableScope scope) {
    String code = variable.get(scope);
    if (code == null || code.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(parse(code));
  }

  public E require(VariableScope scope) {
    return parse(variable.require(scope));
  }

  public void set(VariableScope scope, E value) {
    variable.set(scope, value == null ? null : value.code());
  }

  private E parse(String code) {
    return Coded.fromCode(choices, code).orElseThrow(() -> new InvalidVariableException(name(),
        "Process variable '" + name() + "' is '" + code + "', not one of " + codes()));
  }
}
