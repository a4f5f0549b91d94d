package dev.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.FirebreakApplication;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The postgres profile on a real PostgreSQL: no demo users, the administrator's password from the
 * environment or a clear failure, and a restart deploys no new process versions.
 */
class PostgresProfileIT {

  private Map<String, Object> properties(String database, String adminPassword) {
    var server = EmbeddedPostgres.get();
    try (var connection = server.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (java.sql.SQLException e) {
      // already created by an earlier start of this test: reuse it
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("FIREBREAK_DB_URL", server.getJdbcUrl("postgres", database));
    properties.put("FIREBREAK_DB_USER", "postgres");
    properties.put("FIREBREAK_ADMIN_PASSWORD", adminPassword);
    properties.put("server.port", "0");
    properties.put("camunda.bpm.job-execution.enabled", "false");
    return properties;
  }

  private ConfigurableApplicationContext start(Map<String, Object> properties) {
    return new SpringApplicationBuilder(FirebreakApplication.class).profiles("postgres")
        .properties(properties).run();
  }

  @Test
  void refusesToStartWithoutAnAdministratorPassword() {
    assertThatThrownBy(() -> start(properties("noadmin", "")))
        .rootCause()
        .hasMessageContaining("set the environment variable FIREBREAK_ADMIN_PASSWORD");
  }

  @Test
  void startsWithoutDemoUsersAndRestartsWithoutNewVersions() {
    Map<String, Object> properties = properties("production", "s3cret-Admin");
    long definitions;
    long deployments;
    try (ConfigurableApplicationContext context = start(properties)) {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      assertThat(engine.getIdentityService().createUserQuery().userId("responder").count()).isZero();
      assertThat(engine.getIdentityService().createUserQuery().list()).extracting(u -> u.getId()).containsExactly("admin");
      assertThat(engine.getIdentityService().checkPassword("admin", "s3cret-Admin")).isTrue();
      assertThat(engine.getIdentityService().createGroupQuery().groupId("incident-managers").count()).isOne();
      definitions = engine.getRepositoryService().createProcessDefinitionQuery().count();
      deployments = engine.getRepositoryService().createDeploymentQuery().count();
      assertThat(definitions).as("one definition per processes/*.bpmn").isEqualTo(processFiles());
    }
    try (ConfigurableApplicationContext context = start(properties)) {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(definitions);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
      assertThat(engine.getIdentityService().createUserQuery().userId("responder").count()).isZero();
    }
  }

  private static long processFiles() {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("processes"))) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
