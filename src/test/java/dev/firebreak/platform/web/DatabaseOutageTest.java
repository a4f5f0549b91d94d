package dev.firebreak.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are a database outage (503 with Retry-After), and that everything else stays a 500. */
class DatabaseOutageTest {

  private final ApiProblems problems = new ApiProblems(new StaticListableBeanFactory()
      .getBeanProvider(dev.firebreak.platform.resilience.DatabaseAvailability.class));

  @Test
  void aConnectionThatCannotBeHadIsAnOutage() {
    assertThat(DatabaseOutage.isOutage(new CannotGetJdbcConnectionException("no connection",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
    assertThat(DatabaseOutage.isOutage(new CannotCreateTransactionException("Could not open JDBC Connection"))).isTrue();
    // Camunda wraps the driver's error: connection refused is SQL state 08001, a terminated backend 57P01
    assertThat(DatabaseOutage.isOutage(new ProcessEngineException("ENGINE-03004",
        new RuntimeException(new SQLException("Connection refused", "08001"))))).isTrue();
    assertThat(DatabaseOutage.isOutage(new ProcessEngineException("ENGINE-03004",
        new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
  }

  @Test
  void aBugIsNotAnOutage() {
    assertThat(DatabaseOutage.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
    assertThat(DatabaseOutage.isOutage(new SQLException("syntax error at or near", "42601"))).isFalse();
    assertThat(DatabaseOutage.isOutage(new IllegalStateException("no"))).isFalse();
  }

  @Test
  void theApiAnswers503ProblemJsonWithoutTheDriversText() throws Exception {
    var answer = problems.unexpected(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms")));
    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("10");
    assertThat(answer.getBody().getDetail()).doesNotContain("Hikari").doesNotContain("JDBC");

    var bug = problems.unexpected(new DataIntegrityViolationException("duplicate key value violates unique constraint"));
    assertThat(bug.getStatusCode().value()).isEqualTo(500);
    assertThat(bug.getBody().getDetail()).doesNotContain("duplicate");
  }
}
