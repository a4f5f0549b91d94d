package dev.firebreak.platform.web;

import java.util.List;

/** Input that fails validation; each problem names its field. Rendered as 400 problem+json. */
public class InvalidInputException extends RuntimeException {

  /** One bad field and what is wrong with it. */
  public record FieldProblem(String field, String message) {
  }

  private final List<FieldProblem> problems;

  public InvalidInputException(List<FieldProblem> problems) {
    super("Invalid input: " + problems.stream().map(p -> p.field() + " " + p.message()).toList());
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
