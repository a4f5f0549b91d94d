package dev.firebreak.recovery;

import static dev.firebreak.recovery.RecoveryProcess.*;

import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.time.Durations;
import dev.firebreak.platform.process.SystemCorrelation;
import dev.firebreak.platform.time.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every rollback and hotfix deployment of a recovery, in table {@code deployment}: asked for once (the
 * row is committed before the tool is called, so a retried request job adopts what the first attempt
 * did instead of rolling back or dispatching again), finished once (by the tool's callback, the
 * polling backstop, the timeout, or the person confirming a recorded deployment), with its request and
 * finish time, outcome and tool for the recovery-time KPIs.
 */
@Service
public class Deployments {

  /** One row of {@code deployment}. */
  public record Deployment(long id, String requestId, String incidentKey, String processInstanceId, String service,
      String tool, String action, String target, String version, String reference, String revision,
      Boolean callbackExpected, Boolean revertInGit, String details, int attempts, String previousSyncPolicy,
      String followUp, Instant requestedAt, Instant finishedAt, DeploymentOutcome outcome, String message) {

    public boolean open() {
      return finishedAt == null;
    }

    DeploymentTicket ticket() {
      return new DeploymentTicket(reference, Boolean.TRUE.equals(callbackExpected), details,
          Boolean.TRUE.equals(revertInGit), revision, previousSyncPolicy, followUp);
    }
  }

  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final DeployTools tools;
  private final Incidents incidents;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final RecoveryProperties properties;
  private final TransactionTemplate ownTransaction;

  Deployments(JdbcClient jdbc, EngineClock clock, DeployTools tools, Incidents incidents, RuntimeService runtime,
      IdentityService identity, RecoveryProperties properties, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tools = tools;
    this.incidents = incidents;
    this.runtime = runtime;
    this.identity = identity;
    this.properties = properties;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Asks the service's deploy tool for the deployment, once per request: a retried job finds the row of
   * its first attempt (the recovery's one open deployment) and answers what the tool answered then, or
   * lets the adapter look at the tool for the request before it asks again.
   */
  public DeploymentTicket request(String processInstanceId, String incidentKey, String service,
      DeploymentRequest.Action action, String version) {
    DeployTool tool = tools.forService(service);
    Deployment row = openOf(processInstanceId)
        .filter(open -> open.action().equals(action.code()) && java.util.Objects.equals(open.version(), version))
        .orElseGet(() -> insert(processInstanceId, incidentKey, service, tool, action, version));
    if (row.reference() != null) {
      return row.ticket();
    }
    DeploymentRequest request = new DeploymentRequest(row.requestId(), incidentKey, service, action, version,
        tools.target(service));
    ownTransaction.executeWithoutResult(status -> jdbc.sql("UPDATE deployment SET attempts = attempts + 1 WHERE id = ?")
        .param(row.id()).update());
    DeploymentTicket ticket = tool.request(request, row);
    ownTransaction.executeWithoutResult(status -> jdbc.sql("UPDATE deployment SET reference = ?, revision = ?, "
            + "callback_expected = ?, revert_in_git = ?, details = ?, previous_sync_policy = ?, follow_up = ? WHERE id = ?")
        .params(ticket.reference(), ticket.revision(), ticket.callbackExpected(), ticket.revertInGit(),
            cut(ticket.details()), cut(ticket.previousSyncPolicy()), cut(ticket.followUp()), row.id()).update());
    if (!RecordingDeployTool.NAME.equals(tool.name())) {
      incidents.note(incidentKey, null, TimelineEntry.Kind.RECOVERY,
          incidents.words().get("recovery.requested", tool.name(), action.code(), service, String.valueOf(version),
              ticket.reference()),
          details(row, ticket));
    }
    incidents.link(incidentKey, new IncidentLink("deployment", ticket.reference(), null));
    return ticket;
  }

  /**
   * Aborts the service's Argo Rollouts canary ({@code rollout}: the Rollout offered on Diagnose and
   * choose recovery), once: the row is committed before the tool is called, and a retried job that
   * finds the reference of its first attempt answers that instead of aborting again. The abort is
   * finished at once, in the job's transaction (succeeded; failed when there was nothing the tool could
   * abort), with its outcome on the timeline.
   */
  @Transactional
  public DeploymentResult abortCanary(String processInstanceId, String incidentKey, String service, String rollout) {
    DeployTool tool = tools.forService(service);
    DeploymentRequest.Action action = DeploymentRequest.Action.ABORT_CANARY;
    Deployment row = openOf(processInstanceId).filter(open -> open.action().equals(action.code()))
        .orElseGet(() -> insert(processInstanceId, incidentKey, service, tool, action, rollout));
    DeploymentResult result;
    if (row.reference() != null) {
      result = DeploymentResult.succeeded(row.details());
    } else {
      DeploymentRequest request = new DeploymentRequest(row.requestId(), incidentKey, service, action, rollout,
          tools.target(service));
      ownTransaction.executeWithoutResult(status -> jdbc.sql("UPDATE deployment SET attempts = attempts + 1 WHERE id = ?")
          .param(row.id()).update());
      DeploymentTicket ticket = tool.request(request, row);
      if (ticket.reference() == null) {
        result = DeploymentResult.failed(ticket.details());
      } else {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("UPDATE deployment SET reference = ?, "
                + "callback_expected = FALSE, revert_in_git = FALSE, details = ? WHERE id = ?")
            .params(ticket.reference(), cut(ticket.details()), row.id()).update());
        incidents.note(incidentKey, null, TimelineEntry.Kind.RECOVERY,
            incidents.words().get("recovery.requested", tool.name(), action.code(), service, String.valueOf(rollout),
                ticket.reference()), details(row, ticket));
        incidents.link(incidentKey, new IncidentLink("deployment", ticket.reference(), null));
        result = DeploymentResult.succeeded(ticket.details());
      }
    }
    finish(row, result);
    return result;
  }

  /**
   * The polling backstop: the outcome when the deployment finished (reported by a callback meanwhile,
   * or by the tool now), a failure once it has run longer than {@code firebreak.recovery.timeout};
   * empty while it runs.
   */
  @Transactional
  public Optional<DeploymentResult> check(String processInstanceId) {
    Optional<Deployment> open = openOf(processInstanceId);
    if (open.isEmpty()) {
      return latestOf(processInstanceId).filter(d -> d.outcome() != null)
          .map(d -> new DeploymentResult(d.outcome(), d.message()));
    }
    Deployment deployment = open.get();
    DeploymentRequest request = new DeploymentRequest(deployment.requestId(), deployment.incidentKey(),
        deployment.service(), DeploymentRequest.Action.of(deployment.action()), deployment.version(),
        tools.target(deployment.service()));
    Optional<DeploymentResult> result = tools.of(deployment.tool()).poll(request, deployment);
    if (result.isEmpty() && clock.now().isAfter(deployment.requestedAt().plus(properties.getTimeout()))) {
      result = Optional.of(DeploymentResult.failed(incidents.words().get("recovery.timedOut", deployment.tool(),
          Durations.duration(properties.getTimeout(), incidents.words().locale()))));
    }
    result.ifPresent(ended -> finish(deployment, ended));
    return result;
  }

  /** A person confirmed a deployment the tool does not report (the recording adapter): it is finished. */
  @Transactional
  public void confirmed(String processInstanceId, DeploymentOutcome outcome, String details) {
    openOf(processInstanceId).ifPresent(open -> finish(open, new DeploymentResult(outcome, details)));
  }

  /** What a callback reported: handled (a deployment finished), not about a running deployment, or a repeat. */
  public enum Callback { HANDLED, NOT_OURS, REPEATED }

  /**
   * A deploy tool's callback: once per {@code deliveryId}; the open deployments of {@code tool} on
   * {@code target} that {@code matches} are finished, and each recovery waiting at
   * {@code DeploymentFinished} receives it (one that is polling just then reads it at its next check).
   */
  @Transactional
  public Callback callback(String tool, String deliveryId, String target, Predicate<Deployment> matches,
      DeploymentResult result) {
    try {
      jdbc.sql("INSERT INTO deployment_delivery (delivery_id, tool, received_at) VALUES (?, ?, ?)")
          .params(cut(deliveryId, 300), tool, at(clock.now())).update();
    } catch (DuplicateKeyException repeated) {
      return Callback.REPEATED;
    }
    List<Deployment> finished = jdbc.sql("SELECT * FROM deployment WHERE tool = ? AND target = ? AND open_key IS NOT NULL")
        .params(tool, target).query(Deployments::row).list().stream().filter(matches).toList();
    for (Deployment deployment : finished) {
      finish(deployment, result);
      boolean waiting = runtime.createEventSubscriptionQuery().processInstanceId(deployment.processInstanceId())
          .eventName(MESSAGE_DEPLOYMENT_FINISHED).count() > 0;
      if (waiting) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(DEPLOYMENT_OUTCOME.name(), result.outcome().code());
        variables.put(DEPLOYMENT_DETAILS.name(), cut(result.message()));
        SystemCorrelation.run(identity, () -> runtime.createMessageCorrelation(MESSAGE_DEPLOYMENT_FINISHED)
            .processInstanceId(deployment.processInstanceId()).setVariables(variables).correlateWithResult());
      }
    }
    return finished.isEmpty() ? Callback.NOT_OURS : Callback.HANDLED;
  }

  /**
   * Re-enable auto-sync (the follow-up, once Git holds the good change): the deployment's application
   * gets back the sync policy Firebreak remembered when it switched auto-sync off; on the timeline.
   */
  public void reenableAutoSync(String incidentKey, String reference) {
    Deployment deployment = ofIncident(incidentKey).stream()
        .filter(row -> reference != null && reference.equals(row.reference()) && row.previousSyncPolicy() != null)
        .reduce((first, second) -> second)
        .orElseThrow(() -> new IllegalStateException("No rollback " + reference + " of " + incidentKey
            + " switched auto-sync off"));
    tools.of(deployment.tool()).restoreSyncPolicy(tools.target(deployment.service()), deployment.previousSyncPolicy());
    incidents.note(incidentKey, null, TimelineEntry.Kind.RECOVERY, incidents.words().get("recovery.argocd.autoSyncOn",
        deployment.target(), deployment.previousSyncPolicy()), Map.of("reference", reference));
  }

  /** The deployments of an incident, oldest first (request and finish times, outcome, tool). */
  public List<Deployment> ofIncident(String incidentKey) {
    return jdbc.sql("SELECT * FROM deployment WHERE incident_key = ? ORDER BY id").param(incidentKey)
        .query(Deployments::row).list();
  }

  /** The deployments of these incidents (for the recovery-time KPIs), oldest first. */
  public List<Deployment> ofIncidents(java.util.Collection<String> incidentKeys) {
    List<String> keys = List.copyOf(incidentKeys);
    List<Deployment> rows = new java.util.ArrayList<>();
    for (int from = 0; from < keys.size(); from += 500) {
      rows.addAll(jdbc.sql("SELECT * FROM deployment WHERE incident_key IN (:keys) ORDER BY id")
          .param("keys", keys.subList(from, Math.min(keys.size(), from + 500))).query(Deployments::row).list());
    }
    return rows;
  }

  /** Earlier deployments of this tool on this target that failed: their versions are not "healthy". */
  public List<Deployment> failedOn(String tool, String target) {
    return jdbc.sql("SELECT * FROM deployment WHERE tool = ? AND target = ? AND outcome = ? ORDER BY id")
        .params(tool, target, DeploymentOutcome.FAILED.code()).query(Deployments::row).list();
  }

  Optional<Deployment> openOf(String processInstanceId) {
    return jdbc.sql("SELECT * FROM deployment WHERE open_key = ?").param(processInstanceId)
        .query(Deployments::row).optional();
  }

  private Optional<Deployment> latestOf(String processInstanceId) {
    return jdbc.sql("SELECT * FROM deployment WHERE process_instance_id = ? ORDER BY id DESC").param(processInstanceId)
        .query(Deployments::row).list().stream().findFirst();
  }

  private void finish(Deployment deployment, DeploymentResult result) {
    Instant now = clock.now();
    int updated = jdbc.sql("UPDATE deployment SET open_key = NULL, finished_at = ?, outcome = ?, message = ? "
            + "WHERE id = ? AND open_key IS NOT NULL")
        .params(at(now), result.outcome().code(), cut(result.message()), deployment.id()).update();
    if (updated == 0) {
      return;
    }
    String word = result.outcome() == DeploymentOutcome.SUCCEEDED ? "recovery.finished.succeeded" : "recovery.finished.failed";
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("tool", deployment.tool());
    details.put("reference", String.valueOf(deployment.reference()));
    details.put("outcome", result.outcome().code());
    details.put("took", Durations.duration(java.time.Duration.between(deployment.requestedAt(), now), incidents.words().locale()));
    incidents.note(deployment.incidentKey(), null, TimelineEntry.Kind.RECOVERY,
        incidents.words().get(word, deployment.tool(), String.valueOf(result.message())), details);
    if (deployment.followUp() != null) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(IncidentProcess.INCIDENT_KEY.name(), deployment.incidentKey());
      variables.put(IncidentProcess.SERVICE.name(), deployment.service());
      variables.put(DEPLOYMENT_FOLLOW_UP.name(), deployment.followUp());
      variables.put(DEPLOYMENT_REFERENCE.name(), deployment.reference());
      variables.put(AutoSyncFollowUpProcess.PREVIOUS_SYNC_POLICY.name(), deployment.previousSyncPolicy());
      Object team = runtime.createProcessInstanceQuery().processInstanceId(deployment.processInstanceId()).count() > 0
          ? runtime.getVariable(deployment.processInstanceId(), IncidentProcess.OWNING_TEAM_GROUP.name()) : null;
      variables.put(IncidentProcess.OWNING_TEAM_GROUP.name(), team != null ? team : "team-" + deployment.service());
      runtime.startProcessInstanceByKey(AUTO_SYNC_FOLLOW_UP_ID, deployment.incidentKey(), variables);
    }
  }

  private Deployment insert(String processInstanceId, String incidentKey, String service, DeployTool tool,
      DeploymentRequest.Action action, String version) {
    String requestId = UUID.randomUUID().toString();
    String target = targetOf(tool.name(), service);
    return ownTransaction.execute(status -> {
      // a deployment this recovery left open (a person moved the process in Cockpit): superseded
      jdbc.sql("UPDATE deployment SET open_key = NULL, finished_at = ?, outcome = ?, message = ? WHERE open_key = ?")
          .params(at(clock.now()), DeploymentOutcome.FAILED.code(), "superseded by a new request", processInstanceId).update();
      jdbc.sql("INSERT INTO deployment (request_id, incident_key, process_instance_id, open_key, service, tool, action, "
              + "target, version, attempts, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
          .params(requestId, incidentKey, processInstanceId, processInstanceId, service, tool.name(), action.code(), target,
              version, at(clock.now())).update();
      return jdbc.sql("SELECT * FROM deployment WHERE request_id = ?").param(requestId).query(Deployments::row).single();
    });
  }

  private String targetOf(String tool, String service) {
    var target = tools.target(service);
    return switch (tool) {
      case "argocd" -> target.getArgocd().getApplication();
      case "github" -> target.getGithub().getRepository();
      default -> service;
    };
  }

  private static Map<String, Object> details(Deployment row, DeploymentTicket ticket) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("requestId", row.requestId());
    details.put("tool", row.tool());
    details.put("target", String.valueOf(row.target()));
    details.put("reference", String.valueOf(ticket.reference()));
    if (ticket.revision() != null) {
      details.put("revision", ticket.revision());
    }
    if (ticket.details() != null) {
      details.put("details", ticket.details());
    }
    return details;
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String cut(String text) {
    return cut(text, 2000);
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Deployment row(ResultSet rs, int index) throws SQLException {
    String outcome = rs.getString("outcome");
    return new Deployment(rs.getLong("id"), rs.getString("request_id"), rs.getString("incident_key"),
        rs.getString("process_instance_id"), rs.getString("service"), rs.getString("tool"), rs.getString("action"),
        rs.getString("target"), rs.getString("version"), rs.getString("reference"), rs.getString("revision"),
        (Boolean) rs.getObject("callback_expected"), (Boolean) rs.getObject("revert_in_git"), rs.getString("details"),
        rs.getInt("attempts"), rs.getString("previous_sync_policy"), rs.getString("follow_up"),
        instant(rs, "requested_at"), instant(rs, "finished_at"),
        outcome == null ? null : Coded_of(outcome), rs.getString("message"));
  }

  private static DeploymentOutcome Coded_of(String code) {
    return dev.firebreak.platform.process.Coded.fromCode(DeploymentOutcome.class, code).orElse(DeploymentOutcome.FAILED);
  }
}
