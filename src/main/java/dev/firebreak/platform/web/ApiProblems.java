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

/**
 * Errors of Firebreak's own API as application/problem+json with a message a person can act on.
 * Anything unexpected is a 500 that says only an error id; the log has the same id with the cause
 * (never SQL or a stack trace in the answer).
 */
@RestControllerAdvice(basePackages = "dev.firebreak")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {

  private static final URI INVALID_INPUT = URI.create("https://firebreak.dev/problems/invalid-input");
  static final URI SYSTEM_VARIABLE = URI.create("https://firebreak.dev/problems/system-variable");
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final org.springframework.beans.factory.ObjectProvider<dev.firebreak.platform.resilience.DatabaseAvailability> database;

  ApiProblems(org.springframework.beans.factory.ObjectProvider<dev.firebreak.platform.resilience.DatabaseAvailability> database) {
    this.database = database;
  }

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

  /**
   * Everything else. Spring's own web errors (405, 406, a missing parameter, ResponseStatusException)
   * and @ResponseStatus exceptions keep their 4xx answer; Spring Security's exceptions go back to its
   * filters; a database that cannot be reached (or is known to be away) is a 503 with Retry-After
   * (DatabaseOutage); the rest is a 500 that shows only an error id.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
    if (e instanceof org.springframework.security.access.AccessDeniedException
        || e instanceof org.springframework.security.core.AuthenticationException) {
      throw e;
    }
    if (e instanceof org.springframework.web.ErrorResponse error && !error.getStatusCode().is5xxServerError()) {
      return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(error.getBody());
    }
    org.springframework.web.bind.annotation.ResponseStatus annotated = org.springframework.core.annotation
        .AnnotatedElementUtils.findMergedAnnotation(e.getClass(), org.springframework.web.bind.annotation.ResponseStatus.class);
    if (annotated != null && !annotated.code().is5xxServerError()) {
      return problem(annotated.code(), annotated.code().getReasonPhrase(),
          annotated.reason().isEmpty() ? annotated.code().getReasonPhrase() : annotated.reason());
    }
    var availability = database.getIfAvailable();
    if (DatabaseOutage.isOutage(e) || availability != null && !availability.isUp() && isPersistence(e)) {
      log.warn("Database unavailable: answered 503 ({})", e.toString());
      if (availability != null) {
        availability.suspect();
      }
      return DatabaseOutage.answer(availability == null ? 10 : availability.retryAfterSeconds());
    }
    return internalError(e);
  }

  private static boolean isPersistence(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.springframework.dao.DataAccessException || t instanceof java.sql.SQLException
          || t instanceof org.springframework.transaction.TransactionException
          || t instanceof org.camunda.bpm.engine.ProcessEngineException) {
        return true;
      }
    }
    return false;
  }

  /** A 500 that says only an error id; the log has the id and the cause. */
  public static ResponseEntity<ProblemDetail> internalError(Throwable cause) {
    String id = newErrorId();
    log.error("Internal error {}", id, cause);
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, internalErrorDetail(id));
    body.setTitle("Internal error");
    body.setProperty("errorId", id);
    return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /** A fresh error id (12 hex digits) to put in an answer and in the log. */
  public static String newErrorId() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  public static String internalErrorDetail(String id) {
    return "Something went wrong inside Firebreak; nothing was shown here on purpose. Error id " + id
        + " (give it to the administrator: the log has the details).";
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
