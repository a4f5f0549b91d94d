package dev.firebreak.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.resilience.DatabaseAvailability;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the API answers while the database is away: 503 application/problem+json with Retry-After,
 * never a 500 and never the driver's text. While {@link DatabaseAvailability} knows the database
 * is down, /api/**, /engine-rest/** and the webapps' /camunda/api/** answer so at once, before
 * authentication (which needs the database too); a request that meets the outage before the probe
 * does gets the same answer from {@link ApiProblems}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseOutage {

  static final URI TYPE = URI.create("https://firebreak.dev/problems/database-unavailable");
  static final String TITLE = "Database unavailable";
  static final String DETAIL = "Firebreak cannot reach its database right now; nothing was changed by this request. "
      + "Try again in a few seconds.";

  /** Whether the failure says the database (or a connection to it) cannot be had now. */
  public static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessResourceFailureException || t instanceof RecoverableDataAccessException
          || t instanceof org.springframework.dao.QueryTimeoutException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientException || t instanceof SQLRecoverableException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
          || sql.getSQLState().equals("57P01") || sql.getSQLState().equals("57P02")
          || sql.getSQLState().equals("57P03"))) {
        return true;
      }
    }
    return false;
  }

  public static ResponseEntity<ProblemDetail> answer(int retryAfterSeconds) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
    body.setType(TYPE);
    body.setTitle(TITLE);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", String.valueOf(retryAfterSeconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> databaseOutageAnswers(DatabaseAvailability database, ObjectMapper json) {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/"));
      }

      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (database.isUp()) {
          chain.doFilter(request, response);
          return;
        }
        ResponseEntity<ProblemDetail> answer = answer(database.retryAfterSeconds());
        response.setStatus(answer.getStatusCode().value());
        response.setHeader("Retry-After", String.valueOf(database.retryAfterSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        ProblemDetail body = answer.getBody();
        body.setInstance(URI.create(request.getRequestURI()));
        response.getOutputStream().write(json.writeValueAsBytes(body));
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("database-outage-answers");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    // before Spring Security (-100) and Camunda REST's authentication: both would wait for the database
    registration.setOrder(Integer.MIN_VALUE + 800);
    return registration;
  }
}
