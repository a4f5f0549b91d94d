package dev.firebreak.platform.resilience;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether the database can answer now, known without waiting. A probe validates a connection of a
 * small "quick" pool every {@code firebreak.database.probe-interval}; the quick pool gives up after
 * {@code quick-timeout} (2 s) where the main pool waits its connection timeout. So during an
 * outage the alert webhooks (which store through the quick pool) and the API answer 503 at once,
 * readiness (the health contributor {@code database}, in the readiness group) goes DOWN without
 * /actuator/health touching the database, and all recover by themselves when the probe succeeds.
 */
@Component("database")
public class DatabaseAvailability implements HealthIndicator, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

  private final DatabaseProperties properties;
  private final HikariDataSource quick;
  private final JdbcTemplate quickJdbc;
  private final DataSourceTransactionManager quickTransactions;
  private volatile ScheduledExecutorService probe;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile boolean up = true;
  private volatile Instant since = Instant.now();
  private volatile String lastError;

  public DatabaseAvailability(DataSource dataSource, DatabaseProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    this.properties = properties;
    // the pool opens on first use (not while Flyway and the engine start on the main pool)
    this.quick = new HikariDataSource();
    quickConfig(dataSource, properties, meters.getIfAvailable()).copyStateTo(quick);
    this.quickJdbc = new JdbcTemplate(quick);
    this.quickTransactions = new DataSourceTransactionManager(quick);
  }

  /** Probing starts once the application has started (schema migrated, engine up). */
  @Override
  public synchronized void start() {
    if (probe != null) {
      return;
    }
    probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "database-probe");
      thread.setDaemon(true);
      return thread;
    });
    long interval = Math.max(100, properties.getProbeInterval().toMillis());
    probe.scheduleWithFixedDelay(this::probeNow, 0, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (probe != null) {
      probe.shutdownNow();
      probe = null;
    }
    quick.close();
  }

  @Override
  public synchronized boolean isRunning() {
    return probe != null;
  }

  /** Before the web server starts, and stopped (quick pool closed) only after it stopped. */
  @Override
  public int getPhase() {
    return 0;
  }

  /** True unless the last probe (at most a probe interval and a quick timeout ago) failed. */
  public boolean isUp() {
    return up;
  }

  /** Since when the database has been up (or down). */
  public Instant since() {
    return since;
  }

  /** Retry-After of an answer given while the database is away, in seconds. */
  public int retryAfterSeconds() {
    return properties.getRetryAfterSeconds();
  }

  /** A JdbcTemplate on the quick pool: a connection in at most quick-timeout, or an error. */
  public JdbcTemplate quickJdbc() {
    return quickJdbc;
  }

  /** Transactions on the quick pool, timing out after {@code seconds} (statements too). */
  public TransactionTemplate quickTransactions(int seconds) {
    TransactionTemplate template = new TransactionTemplate(quickTransactions);
    template.setTimeout(seconds);
    return template;
  }

  /** A caller saw the database fail: probe at once rather than at the next interval. */
  public void suspect() {
    ScheduledExecutorService running = probe;
    if (running != null) {
      try {
        running.execute(this::probeNow);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // shutting down
      }
    }
  }

  void probeNow() {
    if (!probing.compareAndSet(false, true)) {
      return;
    }
    try (Connection connection = quick.getConnection()) {
      if (connection.isValid(Math.max(1, (int) properties.getQuickTimeout().toSeconds()))) {
        change(true, null);
      } else {
        change(false, "the connection did not validate");
      }
    } catch (SQLException | RuntimeException e) {
      change(false, e.getClass().getSimpleName());
    } finally {
      probing.set(false);
    }
  }

  private void change(boolean nowUp, String error) {
    lastError = error;
    if (nowUp != up) {
      up = nowUp;
      since = Instant.now();
      if (nowUp) {
        log.warn("The database answers again");
      } else {
        log.error("The database does not answer ({}): webhooks and the API answer 503, readiness is DOWN, "
            + "the status page shows its last rendering", error);
      }
    }
  }

  @Override
  public Health health() {
    Health.Builder health = up ? Health.up() : Health.down();
    health.withDetail("since", since.toString());
    if (!up && lastError != null) {
      health.withDetail("error", lastError);
    }
    return health.build();
  }

  private static HikariConfig quickConfig(DataSource dataSource, DatabaseProperties properties, MeterRegistry meters) {
    HikariConfig config = new HikariConfig();
    HikariDataSource main = unwrap(dataSource);
    if (main == null) {
      throw new IllegalStateException("Firebreak expects Spring Boot's Hikari connection pool");
    }
    config.setJdbcUrl(main.getJdbcUrl());
    config.setUsername(main.getUsername());
    config.setPassword(main.getPassword());
    if (main.getDriverClassName() != null) {
      config.setDriverClassName(main.getDriverClassName());
    }
    config.setConnectionInitSql(main.getConnectionInitSql());
    config.setSchema(main.getSchema());
    config.setTransactionIsolation(main.getTransactionIsolation());
    Properties driver = new Properties();
    driver.putAll(main.getDataSourceProperties());
    long quickSeconds = Math.max(1, properties.getQuickTimeout().toSeconds());
    if (main.getJdbcUrl() != null && main.getJdbcUrl().startsWith("jdbc:postgresql:")) {
      // a database host that does not answer at all (no refusal) still fails within seconds
      driver.putIfAbsent("connectTimeout", String.valueOf(quickSeconds));
      driver.putIfAbsent("socketTimeout", String.valueOf(quickSeconds * 5));
    }
    config.setDataSourceProperties(driver);
    config.setPoolName("firebreak-quick");
    config.setMaximumPoolSize(Math.max(1, properties.getQuickPoolSize()));
    config.setMinimumIdle(1);
    config.setConnectionTimeout(Math.max(250, properties.getQuickTimeout().toMillis()));
    config.setValidationTimeout(Math.max(250, Math.min(1000, properties.getQuickTimeout().toMillis())));
    // start without the database: the pool fills when it can
    config.setInitializationFailTimeout(-1);
    if (meters != null) {
      config.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(meters));
    }
    return config;
  }

  private static HikariDataSource unwrap(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource hikari) {
      return hikari;
    }
    try {
      return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
    } catch (SQLException e) {
      return null;
    }
  }
}
