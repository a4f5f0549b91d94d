package dev.firebreak.platform.web;

import dev.firebreak.platform.process.Coded;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects field problems so a request is rejected with all of them at once. */
public final class FieldChecks {

  private final List<InvalidInputException.FieldProblem> problems = new ArrayList<>();

  public FieldChecks required(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return add(field, "is required");
    }
    return maxLength(field, value, maxLength);
  }

  public FieldChecks maxLength(String field, String value, int maxLength) {
    if (value != null && value.length() > maxLength) {
      add(field, "must be at most " + maxLength + " characters (is " + value.length() + ")");
    }
    return this;
  }

  public <E extends Enum<E> & Coded> FieldChecks oneOf(String field, String value, Class<E> choices, boolean required) {
    if (value == null || value.isBlank()) {
      return required ? add(field, "is required; one of " + Coded.codes(choices)) : this;
    }
    if (Coded.fromCode(choices, value).isEmpty()) {
      add(field, "must be one of " + Coded.codes(choices) + " (was '" + value + "')");
    }
    return this;
  }

  public FieldChecks oneOf(String field, String value, Collection<String> allowed) {
    if (value == null || value.isBlank()) {
      return add(field, "is required; one of " + allowed);
    }
    if (!allowed.contains(value)) {
      add(field, "must be one of " + allowed + " (was '" + value + "')");
    }
    return this;
  }

  public FieldChecks range(String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      add(field, "must be between " + min + " and " + max + " (was " + value + ")");
    }
    return this;
  }

  public FieldChecks check(boolean ok, String field, String message) {
    return ok ? this : add(field, message);
  }

  public FieldChecks add(String field, String message) {
    problems.add(new InvalidInputException.FieldProblem(field, message));
    return this;
  }

  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
