package dev.firebreak.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Errors of Firebreak's own API as application/problem+json with a message a person can act on. */
@RestControllerAdvice(basePackages = "dev.firebreak")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {

  private static final URI INVALID_INPUT = URI.create("https://firebreak.dev/problems/invalid-input");
  static final URI SYSTEM_VARIABLE = URI.create("https://firebreak.dev/problems/system-variable");

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
    return invalidFields(e.problems());
  }

  @ExceptionHandler(dev.firebreak.platform.process.SystemVariableRefusedException.class)
  ResponseEntity<ProblemDetail> systemVariable(dev.firebreak.platform.process.SystemVariableRefusedException e) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    body.setType(SYSTEM_VARIABLE);
    body.setTitle("System variable refused");
    body.setProperty("variables", e.variables());
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining("."));
      return invalidFields(List.of(new InvalidInputException.FieldProblem(field, "has the wrong type or format")));
    }
    return problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
        "The request body must be a JSON object: " + rootMessage(e));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        "Send the body as application/json");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return invalidFields(List.of(new InvalidInputException.FieldProblem(e.getName(), "has the wrong format")));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, e.title(), e.getMessage());
  }

  @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
  ResponseEntity<ProblemDetail> busy(org.camunda.bpm.engine.OptimisticLockingException e) {
    ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
        "The incident was being changed at the same moment; nothing was changed by this request. Try again.");
    return ResponseEntity.status(problem.getStatusCode()).header("Retry-After", "1")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ProblemDetail> forbidden(AuthorizationException e) {
    return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
  }

  private static ResponseEntity<ProblemDetail> invalidFields(List<InvalidInputException.FieldProblem> problems) {
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    body.setType(INVALID_INPUT);
    body.setTitle("Invalid input");
    body.setDetail(problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
    body.setProperty("errors", problems);
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /** An application/problem+json answer; the one way every Firebreak endpoint reports an error. */
  public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setTitle(title);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
