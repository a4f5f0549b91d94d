package dev.firebreak.incident;

import dev.firebreak.platform.time.EngineClock;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.web.FieldChecks;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares incidents from the API: validates everything first, then starts the incident process.
 * With an Idempotency-Key the declaration is made once per user and key within 24 hours: a retry
 * with the same body answers the incident the first one declared, another body is refused.
 */
@Service
public class IncidentDeclarations {

  /** How long an Idempotency-Key names its declaration. */
  static final Duration KEY_LIFETIME = Duration.ofHours(24);
  private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,200}");

  private final RuntimeService runtime;
  private final ServiceCatalog catalog;
  private final EngineClock clock;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;

  IncidentDeclarations(@Lazy RuntimeService runtime, ServiceCatalog catalog, EngineClock clock, JdbcClient jdbc,
      TransactionTemplate transactions, ObjectMapper json) {
    this.clock = clock;
    this.runtime = runtime;
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
  }

  /** A declaration's incident, and whether an earlier request with the same key declared it. */
  public record Declared(String incidentKey, boolean replayed) {
  }

  /** The Idempotency-Key was used (within 24 hours, by the same user) for another body. */
  public static class KeyReusedException extends RuntimeException {
    private final String incidentKey;

    KeyReusedException(String incidentKey) {
      super("This Idempotency-Key was already used for a different request (it declared " + incidentKey
          + "); use a new key for a new incident, or resend exactly the first body");
      this.incidentKey = incidentKey;
    }

    public String incidentKey() {
      return incidentKey;
    }
  }

  /**
   * Declares, or answers the incident an earlier request with the same key and body declared. The
   * key's row is written in the declaration's transaction: of two concurrent requests with one key,
   * the second waits on it and rolls back (nothing of it is kept), then answers the first's incident.
   */
  public Declared declare(DeclareIncidentRequest request, String idempotencyKey, String user) {
    validate(request);
    if (idempotencyKey == null) {
      return new Declared(transactions.execute(status -> start(request)), false);
    }
    if (!KEY.matcher(idempotencyKey).matches()) {
      new FieldChecks().add("Idempotency-Key", "must be 1 to 200 visible ASCII characters (e.g. a UUID)")
          .throwIfAny();
    }
    String hash = hash(request);
    Optional<Declared> earlier = earlier(user, idempotencyKey, hash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return new Declared(transactions.execute(status -> {
        Instant now = clock.now();
        jdbc.sql("DELETE FROM declaration_request WHERE created_at < ?")
            .param(now.minus(KEY_LIFETIME).atOffset(ZoneOffset.UTC)).update();
        String key = start(request);
        jdbc.sql("INSERT INTO declaration_request (requested_by, idempotency_key, request_hash, incident_key, created_at)"
            + " VALUES (?, ?, ?, ?, ?)").params(user, idempotencyKey, hash, key, now.atOffset(ZoneOffset.UTC)).update();
        return key;
      }), false);
    } catch (DuplicateKeyException raced) {
      return earlier(user, idempotencyKey, hash).orElseThrow(() -> raced);
    }
  }

  /** The incident an unexpired request with this key declared (KeyReusedException for another body). */
  private Optional<Declared> earlier(String user, String idempotencyKey, String hash) {
    record Row(String hash, String incidentKey) {
    }
    Optional<Row> row = jdbc.sql("SELECT request_hash, incident_key FROM declaration_request"
        + " WHERE requested_by = ? AND idempotency_key = ? AND created_at >= ?")
        .params(user, idempotencyKey, clock.now().minus(KEY_LIFETIME).atOffset(ZoneOffset.UTC))
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    if (!row.get().hash().equals(hash)) {
      throw new KeyReusedException(row.get().incidentKey());
    }
    return Optional.of(new Declared(row.get().incidentKey(), true));
  }

  /** SHA-256 of the request as read (so spacing and field order of the JSON do not matter). */
  private String hash(DeclareIncidentRequest request) {
    try {
      byte[] canonical = json.writeValueAsBytes(request);
      return dev.firebreak.platform.security.Hashes.sha256Hex(canonical);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot hash the declaration", e);
    }
  }

  /** Returns the new incident's key. Nothing is stored when the request is invalid. */
  @Transactional
  public String declare(DeclareIncidentRequest request) {
    validate(request);
    return start(request);
  }

  private String start(DeclareIncidentRequest request) {
    // validated above; the person stays the initiator, Firebreak writes source and the fields
    ProcessInstanceWithVariables instance = EngineAccess.asSystem(() -> runtime.createProcessInstanceByKey(ID)
        .setVariables(request.declaration().toVariables())
        .executeWithVariablesInReturn());
    return (String) instance.getVariables().get(INCIDENT_KEY.name());
  }

  private void validate(DeclareIncidentRequest request) {
    FieldChecks checks = new FieldChecks();
    if (request == null) {
      checks.add("body", "is required").throwIfAny();
    }
    checks.required("title", request.title(), 200)
        .oneOf("service", request.service(), catalog.names())
        .oneOf("incidentType", request.incidentType(), IncidentType.class, true)
        .oneOf("impactScope", request.impactScope(), ImpactScope.class, true)
        .range("serviceTier", request.serviceTier(), 1, 3)
        .oneOf("alertSeverity", request.alertSeverity(), AlertSeverity.class, false)
        .maxLength("description", request.description(), 4000)
        .check(request.detectedAt() == null || !request.detectedAt().toInstant().isAfter(clock.now().plusSeconds(300)),
            "detectedAt", "must not be in the future");
    checks.throwIfAny();
  }
}
