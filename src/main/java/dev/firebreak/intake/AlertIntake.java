package dev.firebreak.intake;

import dev.firebreak.platform.resilience.DatabaseAvailability;
import dev.firebreak.platform.time.EngineClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Takes alert webhooks: stores each alert event once, durably, and answers. The unique key on
 * (fingerprint, start, status) makes a resend — also a concurrent one, also on another node — a
 * duplicate. Turning stored events into incidents is the {@link AlertProcessor}'s job, so a
 * webhook is answered in milliseconds even during an alert storm.
 */
@Service
class AlertIntake {

  private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);
  private static final int ATTEMPTS = 5;
  /** A webhook is answered within this (Alertmanager gives up after about 10 s). */
  private static final long BUDGET_MILLIS = 4_000;

  /** What a webhook did: new events stored, and resends recognised. */
  record Result(int accepted, int duplicates) {
  }

  /** The store cannot take the alerts right now; the sender should retry. */
  static class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final DatabaseAvailability database;
  private final IntakeProperties properties;
  private final MeterRegistry meters;
  private final ObjectMapper json;
  private final AlertProcessor processor;
  private final EngineClock clock;

  AlertIntake(DatabaseAvailability database, IntakeProperties properties,
      MeterRegistry meters, ObjectMapper json, AlertProcessor processor, EngineClock clock) {
    this.clock = clock;
    // the quick pool: a connection within firebreak.database.quick-timeout, or a 503
    this.database = database;
    this.jdbcTemplate = database.quickJdbc();
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.properties = properties;
    this.meters = meters;
    this.json = json;
    this.processor = processor;
  }

  /**
   * Stores the events and answers within about four seconds: at once Unavailable while the database
   * is known to be away, else each attempt is a transaction of at most two seconds (statements
   * included) on the quick pool, and a race with a concurrent sender is retried while time is left.
   */
  Result accept(List<AlertEvent> events) {
    if (!database.isUp()) {
      throw new Unavailable("The incident store is not available", null);
    }
    long deadline = System.nanoTime() + BUDGET_MILLIS * 1_000_000;
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left < 1_000) {
        break;
      }
      try {
        Result result = database.quickTransactions((int) Math.min(2, left / 1_000)).execute(status -> {
          int accepted = store(events);
          return new Result(accepted, events.size() - accepted);
        });
        increment(events.get(0).source(), "accepted", result.accepted());
        increment(events.get(0).source(), "duplicate", result.duplicates());
        if (result.accepted() > 0) {
          processor.wakeUp();
        }
        return result;
      } catch (DataIntegrityViolationException | ConcurrencyFailureException raced) {
        // the same event arrived concurrently (another webhook or node) and was stored first
        last = raced;
        log.debug("Alert intake raced (attempt {}), retrying: {}", attempt, raced.toString());
        pause(attempt);
      } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
        database.suspect();
        throw new Unavailable("The incident store is not available", e);
      }
    }
    throw new Unavailable("Could not store the alerts in time", last);
  }

  String groupKey(AlertEvent event) {
    return properties.getGroupBy().stream()
        .map(label -> label + "=" + Optional.ofNullable(event.label(label)).orElse(""))
        .collect(Collectors.joining(","));
  }

  /** Stores the events not received before (fingerprint, start, status); returns how many. */
  private int store(List<AlertEvent> events) {
    Map<String, AlertEvent> fresh = new LinkedHashMap<>();
    Set<String> storedKeys = new HashSet<>();
    jdbc.sql("SELECT fingerprint, status, starts_at FROM alert_event WHERE fingerprint IN (:fingerprints)")
        .param("fingerprints", events.stream().map(AlertEvent::fingerprint).distinct().toList())
        .query((rs, row) -> storedKeys.add(rs.getString(1) + "|" + rs.getString(2) + "|"
            + rs.getObject(3, OffsetDateTime.class).toInstant()))
        .list();
    for (AlertEvent event : events) {
      String key = event.fingerprint() + "|" + event.status().code() + "|" + event.startsAt();
      if (!storedKeys.contains(key)) {
        fresh.putIfAbsent(key, event);
      }
    }
    if (fresh.isEmpty()) {
      return 0;
    }
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    List<Object[]> rows = fresh.values().stream().map(event -> new Object[] {event.source(), event.fingerprint(),
        event.startsAt().atOffset(ZoneOffset.UTC), event.status().code(), groupKey(event), now, toJson(event)}).toList();
    jdbcTemplate.batchUpdate("""
        INSERT INTO alert_event (source, fingerprint, starts_at, status, group_key, received_at, processed, payload)
        VALUES (?, ?, ?, ?, ?, ?, FALSE, ?)""", rows);
    return fresh.size();
  }

  private String toJson(AlertEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Alert cannot be stored as JSON", e);
    }
  }

  void increment(String source, String outcome, int amount) {
    if (amount > 0) {
      meters.counter("firebreak.alerts.received", "source", source, "outcome", outcome).increment(amount);
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 30) * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("Interrupted while storing alerts", e);
    }
  }
}
