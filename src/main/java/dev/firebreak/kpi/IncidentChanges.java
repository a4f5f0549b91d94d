package dev.firebreak.kpi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL: which incident records were written since the last ask, told by the database
 * itself. V42's trigger sends the key of every inserted, updated or deleted record on the channel
 * {@value #CHANNEL} when its transaction commits (never before, never for a rolled-back one); this
 * node listens on a connection of its own. {@link #changed()} first makes one round trip on that
 * connection, so every notification of a transaction that committed before the ask has arrived,
 * and answers the keys since the last ask; {@code null} when it cannot vouch for them (not
 * PostgreSQL, the connection was lost, or it is listening afresh), and then {@link KpiRows} compares
 * COUNT and SUM of the row versions instead. A background drain every few seconds keeps the
 * database's notification queue short between asks.
 */
@Component
public class IncidentChanges {

  static final String CHANNEL = "firebreak_incident_changed";
  /** The listening connection's name in {@code pg_stat_activity}. */
  static final String APPLICATION_NAME = "firebreak-kpi-changes";
  /** More keys than this between two asks: reading the changed rows one by one is not worth it. */
  static final int MOST_KEYS = 20_000;
  private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(IncidentChanges.class);

  private final DataSourceProperties dataSource;
  private final boolean postgres;
  private Connection connection;
  private Instant retryAt = Instant.MIN;
  /** Keys told since the last ask; {@code null}: too many, or lost while not listening. */
  private Set<String> pending;
  private volatile boolean stopped;
  private final ScheduledExecutorService drainer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "kpi-incident-changes");
    thread.setDaemon(true);
    return thread;
  });

  IncidentChanges(DataSourceProperties dataSource) {
    this.dataSource = dataSource;
    String url = dataSource.determineUrl();
    this.postgres = url != null && url.startsWith("jdbc:postgresql:");
  }

  boolean listens() {
    return postgres;
  }

  /**
   * The keys of the records written by transactions committed since the last call, or {@code null}
   * when they are not known (then compare the whole table). A first call after (re)connecting
   * answers {@code null}: only changes after it are told.
   */
  synchronized Set<String> changed() {
    if (!postgres || !drain()) {
      return null;
    }
    Set<String> keys = pending;
    pending = new HashSet<>();
    return keys;
  }

  /** Reads what has arrived; false when not listening (the keys since are unknown). */
  private boolean drain() {
    if (connection == null && !listen()) {
      return false;
    }
    try (Statement statement = connection.createStatement()) {
      // a round trip: the notifications of every transaction committed before it arrive with its answer
      statement.execute("SELECT 1");
      PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications();
      if (notifications != null && pending != null) {
        for (PGNotification notification : notifications) {
          pending.add(notification.getParameter());
        }
        if (pending.size() > MOST_KEYS) {
          pending = null;
        }
      }
      return true;
    } catch (SQLException e) {
      log.warn("Stopped listening for incident changes (the KPI figures compare the table until it listens again): {}",
          e.getMessage());
      close();
      return false;
    }
  }

  private boolean listen() {
    if (stopped || Instant.now().isBefore(retryAt)) {
      return false;
    }
    try {
      java.util.Properties properties = new java.util.Properties();
      if (dataSource.determineUsername() != null) {
        properties.setProperty("user", dataSource.determineUsername());
      }
      if (dataSource.determinePassword() != null) {
        properties.setProperty("password", dataSource.determinePassword());
      }
      properties.setProperty("ApplicationName", APPLICATION_NAME);
      properties.setProperty("connectTimeout", "5");
      properties.setProperty("socketTimeout", "10");
      Connection opened = DriverManager.getConnection(dataSource.determineUrl(), properties);
      try (Statement statement = opened.createStatement()) {
        statement.execute("LISTEN " + CHANNEL);
      }
      connection = opened;
      pending = null; // what happened before listening is not known: the first answer is null
      return true;
    } catch (SQLException e) {
      retryAt = Instant.now().plus(RETRY_AFTER);
      log.warn("Cannot listen for incident changes (retry in {} s): {}", RETRY_AFTER.toSeconds(), e.getMessage());
      return false;
    }
  }

  /** Every few seconds: keep the notification queue short between asks (keys are kept for the next ask). */
  @jakarta.annotation.PostConstruct
  void drainInTheBackground() {
    if (postgres) {
      drainer.scheduleWithFixedDelay(this::drainIfListening, 5, 5, TimeUnit.SECONDS);
    }
  }

  private synchronized void drainIfListening() {
    if (connection != null) {
      drain();
    }
  }

  /**
   * Forget the keys told so far: the caller could not bring its copy up to date with them, so the
   * next ask answers {@code null} (compare the whole table).
   */
  synchronized void forget() {
    pending = null;
  }

  @jakarta.annotation.PreDestroy
  synchronized void stop() {
    stopped = true;
    drainer.shutdownNow();
    close();
  }

  private void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("Closing the listening connection: {}", e.getMessage());
      }
      connection = null;
    }
    pending = null;
  }
}
