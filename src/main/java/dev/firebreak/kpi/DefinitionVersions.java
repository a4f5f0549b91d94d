package dev.firebreak.kpi;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStageReached;
import dev.firebreak.incident.Incidents;
import dev.firebreak.platform.time.EngineClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Which version of each process and decision table an incident ran under (docs/kpis.md, "The effect
 * of process changes"): copied from the engine's history into {@code incident_definition_version}
 * whenever the incident reaches a stage (after that transaction commits), so it outlives the history's
 * cleanup. The incident's own process, every process it called and every decision evaluated in them;
 * the first version seen is kept. Also the deployed versions of a definition, grouped into revisions:
 * consecutive versions with the same model (the whole set is redeployed when any file changes) are
 * one revision, named by its first version.
 */
@Service
public class DefinitionVersions {

  public static final String PROCESS = "process";
  public static final String DECISION = "decision";
  private static final Logger log = LoggerFactory.getLogger(DefinitionVersions.class);

  /** A definition deployed under consecutive versions with the same model. */
  public record Revision(int version, List<Integer> versions, Instant deployedAt) {
  }

  private record Definition(String type, String key, int version, String id) {
  }

  private final JdbcClient jdbc;
  private final Incidents incidents;
  private final HistoryService history;
  private final RepositoryService repository;
  private final EngineClock clock;
  private final Map<String, Definition> decisions = new ConcurrentHashMap<>();
  private final Map<String, byte[]> models = new ConcurrentHashMap<>();
  private final TransactionTemplate ownTransaction;

  DefinitionVersions(JdbcClient jdbc, Incidents incidents, @Lazy HistoryService history,
      @Lazy RepositoryService repository, EngineClock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.incidents = incidents;
    this.history = history;
    this.repository = repository;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * After the transaction of the stage commits (its history is then in the database), in a
   * transaction of its own: a row a concurrent stage wrote first rolls this one back, and the next
   * stage records what is still missing.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onStage(IncidentStageReached reached) {
    try {
      ownTransaction.executeWithoutResult(status -> record(reached.incidentKey()));
    } catch (RuntimeException e) {
      // the next stage records again; the incident goes on either way
      log.warn("Could not record the definition versions of {}", reached.incidentKey(), e);
    }
  }

  /** Records the versions the incident's process hierarchy ran under so far; returns how many are new. */
  public int record(String incidentKey) {
    IncidentRecord incident = incidents.require(incidentKey);
    if (incident.processInstanceId() == null) {
      return 0;
    }
    Map<String, Definition> seen = new LinkedHashMap<>();
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .rootProcessInstanceId(incident.processInstanceId()).orderByProcessInstanceStartTime().asc().list();
    if (instances.isEmpty()) {
      return 0;
    }
    for (HistoricProcessInstance instance : instances) {
      Definition definition = new Definition(PROCESS, instance.getProcessDefinitionKey(),
          instance.getProcessDefinitionVersion() == null ? 0 : instance.getProcessDefinitionVersion(),
          instance.getProcessDefinitionId());
      seen.putIfAbsent(PROCESS + ":" + definition.key(), definition);
    }
    List<HistoricDecisionInstance> evaluated = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      evaluated.addAll(history.createHistoricDecisionInstanceQuery().processInstanceId(instance.getId())
          .orderByEvaluationTime().asc().list());
    }
    for (HistoricDecisionInstance decision : evaluated) {
      Definition definition = decisions.computeIfAbsent(decision.getDecisionDefinitionId(), id -> {
        DecisionDefinition d = repository.getDecisionDefinition(id);
        return new Definition(DECISION, d.getKey(), d.getVersion(), id);
      });
      seen.putIfAbsent(DECISION + ":" + definition.key(), definition);
    }
    List<String> known = jdbc.sql("SELECT definition_type || ':' || definition_key FROM incident_definition_version "
        + "WHERE incident_key = ?").param(incidentKey).query(String.class).list();
    int added = 0;
    for (Map.Entry<String, Definition> entry : seen.entrySet()) {
      if (known.contains(entry.getKey())) {
        continue;
      }
      Definition d = entry.getValue();
      added += jdbc.sql("""
          INSERT INTO incident_definition_version (incident_key, definition_type, definition_key, version,
            definition_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)""")
          .params(incidentKey, d.type(), d.key(), d.version(), d.id(), KpiFigures.utc(clock.now())).update();
    }
    return added;
  }

  /** The definitions incidents have run under, by type (process, decision), keys sorted. */
  public Map<String, List<String>> recorded() {
    Map<String, List<String>> recorded = new LinkedHashMap<>();
    recorded.put(PROCESS, new ArrayList<>());
    recorded.put(DECISION, new ArrayList<>());
    jdbc.sql("SELECT DISTINCT definition_type, definition_key FROM incident_definition_version "
        + "ORDER BY definition_type, definition_key")
        .query((rs, row) -> recorded.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2)))
        .list();
    return recorded;
  }

  /**
   * The deployed versions of the definition as revisions, oldest first: a version whose model is the
   * same as the version before it belongs to that one's revision. Empty when nothing is deployed.
   */
  public List<Revision> revisions(String type, String key) {
    List<? extends ResourceDefinition> definitions = PROCESS.equals(type)
        ? repository.createProcessDefinitionQuery().processDefinitionKey(key).orderByProcessDefinitionVersion().asc().list()
        : repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).orderByDecisionDefinitionVersion().asc()
            .list();
    List<Revision> revisions = new ArrayList<>();
    byte[] previous = null;
    for (ResourceDefinition definition : definitions) {
      byte[] model = model(definition);
      int version = definition instanceof ProcessDefinition p ? p.getVersion() : ((DecisionDefinition) definition).getVersion();
      if (previous != null && model.length > 0 && Arrays.equals(previous, model) && !revisions.isEmpty()) {
        Revision last = revisions.remove(revisions.size() - 1);
        List<Integer> versions = new ArrayList<>(last.versions());
        versions.add(version);
        revisions.add(new Revision(last.version(), versions, last.deployedAt()));
      } else {
        revisions.add(new Revision(version, List.of(version), deployedAt(definition.getDeploymentId()).orElse(null)));
      }
      previous = model;
    }
    return revisions;
  }

  private Optional<Instant> deployedAt(String deploymentId) {
    Deployment deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
    return deployment == null || deployment.getDeploymentTime() == null ? Optional.empty()
        : Optional.of(deployment.getDeploymentTime().toInstant());
  }

  /** The model's bytes with line endings and surrounding whitespace evened out (cached: deployed models never change). */
  private byte[] model(ResourceDefinition definition) {
    return models.computeIfAbsent(definition.getId(), id -> {
      try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n").strip()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        return new byte[0];
      }
    });
  }
}
