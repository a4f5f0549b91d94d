package dev.firebreak.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.process.Approval;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.web.InvalidInputException;
import dev.firebreak.platform.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proposed changes of the lifecycle (processes, decisions, forms): stored in {@code lifecycle_change}
 * and reviewed in {@code review-lifecycle-change.bpmn} before anything is deployed. The only writer of
 * that table.
 */
@Service
public class LifecycleChanges {

  /** The engine's deployment source of every deployment made by an approved change. */
  public static final String DEPLOYMENT_SOURCE = "firebreak-lifecycle-change";

  /** No lifecycle change with that id. */
  public static class UnknownChange extends NotFoundException {
    UnknownChange(String id) {
      super("No lifecycle change " + id);
    }

    @Override
    public String title() {
      return "Lifecycle change not found";
    }
  }

  /** What the model check and the decision diff said of a change. */
  public record CheckOutcome(List<ModelCheck.Problem> problems, String decisionDiff, String backtest) {
    public boolean passed() {
      return problems.isEmpty();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final EngineClock clock;
  private final ModelCheck check;
  private final DeployedModels deployed;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final DecisionBacktests backtests;

  LifecycleChanges(JdbcClient jdbc, EngineClock clock, ModelCheck check, DeployedModels deployed,
      @Lazy RuntimeService runtime, @Lazy RepositoryService repository, @Lazy IdentityService identity,
      DecisionBacktests backtests) {
    this.backtests = backtests;
    this.jdbc = jdbc;
    this.clock = clock;
    this.check = check;
    this.deployed = deployed;
    this.runtime = runtime;
    this.repository = repository;
    this.identity = identity;
  }

  /**
   * Stores the proposal and starts its review; an empty proposal, a file of another kind or one that
   * does not parse is refused (400) and nothing is stored. The check runs as the review starts.
   */
  @Transactional
  public LifecycleChange propose(Map<String, byte[]> files, String summary, String proposer) {
    List<InvalidInputException.FieldProblem> problems = new java.util.ArrayList<>();
    if (summary == null || summary.isBlank()) {
      problems.add(new InvalidInputException.FieldProblem("summary", "is required: what changes and why"));
    } else if (summary.length() > 2000) {
      problems.add(new InvalidInputException.FieldProblem("summary", "must be at most 2000 characters"));
    }
    Map<String, byte[]> byName = new TreeMap<>();
    files.forEach((name, bytes) -> byName.put(ModelFiles.fileName(name), bytes));
    if (byName.size() < files.size()) {
      problems.add(new InvalidInputException.FieldProblem("files", "name the same file twice"));
    }
    for (ModelCheck.Problem p : ModelCheck.unreadable(byName)) {
      problems.add(new InvalidInputException.FieldProblem("files", p.file().equals("(none)") ? "are required: "
          + "at least one .bpmn, .dmn or .form file" : p.file() + " " + p.message()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
    jdbc.sql("""
        INSERT INTO lifecycle_change (id, status, summary, resources, proposed_by, proposed_at)
        VALUES (?, ?, ?, ?, ?, ?)""")
        .params(id, LifecycleChange.PROPOSED, summary.trim(), encode(byName), proposer, now).update();
    // The API's role check is the authorization to start this review: process owners hold no
    // runtime rights of their own, so the start runs as the system, the proposer a variable.
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      String instance = runtime.createProcessInstanceByKey(LifecycleChangeProcess.ID).businessKey(id)
          .setVariable(LifecycleChangeProcess.CHANGE_ID.name(), id)
          .setVariable(LifecycleChangeProcess.PROPOSER.name(), proposer)
          .setVariable(LifecycleChangeProcess.SUMMARY.name(), summary.trim())
          .setVariable(LifecycleChangeProcess.FILES.name(), String.join("\n", byName.keySet()))
          .execute().getId();
      jdbc.sql("UPDATE lifecycle_change SET process_instance_id = ? WHERE id = ?").params(instance, id).update();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
    return require(id);
  }

  /** Runs the model check and the decision diff of the change and keeps the result. */
  public CheckOutcome check(String id) {
    Map<String, byte[]> files = resources(id);
    Map<String, byte[]> current = deployed.latest();
    CheckOutcome outcome = new CheckOutcome(check.check(files, current), DecisionDiff.of(files, current),
        backtests.ofChange(files, current));
    jdbc.sql("""
        UPDATE lifecycle_change SET status = ?, checked_at = ?, check_passed = ?, check_result = ?, decision_diff = ?,
        backtest = ? WHERE id = ?""")
        .params(LifecycleChange.IN_REVIEW, clock.now().atOffset(ZoneOffset.UTC), outcome.passed(),
            String.join("\n", outcome.problems().stream().map(ModelCheck.Problem::toString).toList()),
            outcome.decisionDiff(), outcome.backtest(), id)
        .update();
    return outcome;
  }

  /** The reviewer's decision (the four-eyes and check rules are held by the process's listener). */
  public void decided(String id, String reviewer, Approval decision, String reason) {
    jdbc.sql("UPDATE lifecycle_change SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?")
        .params(decision == Approval.APPROVE ? LifecycleChange.APPROVED : LifecycleChange.REJECTED, reviewer,
            clock.now().atOffset(ZoneOffset.UTC), reason, id)
        .update();
  }

  /**
   * Deploys the approved change: the files in force with the proposed ones in their place, as one
   * deployment (forms and decisions bind to their process's deployment), named after the change.
   * A retry finds the deployment of that name and deploys nothing twice.
   */
  public String deploy(String id) {
    String name = deploymentName(id);
    Deployment existing = repository.createDeploymentQuery().deploymentName(name).singleResult();
    String deploymentId;
    if (existing != null) {
      deploymentId = existing.getId();
    } else {
      Map<String, byte[]> set = new LinkedHashMap<>(deployed.latest());
      set.putAll(resources(id));
      DeploymentBuilder builder = repository.createDeployment().name(name).source(DEPLOYMENT_SOURCE);
      set.forEach((file, bytes) -> builder.addInputStream(folder(file) + file, new java.io.ByteArrayInputStream(bytes)));
      deploymentId = builder.deploy().getId();
    }
    jdbc.sql("UPDATE lifecycle_change SET status = ?, deployment_id = ?, deployed_at = ? WHERE id = ?")
        .params(LifecycleChange.DEPLOYED, deploymentId, clock.now().atOffset(ZoneOffset.UTC), id).update();
    return deploymentId;
  }

  public static String deploymentName(String id) {
    return "lifecycle-change-" + id;
  }

  public Optional<LifecycleChange> find(String id) {
    return jdbc.sql("SELECT * FROM lifecycle_change WHERE id = ?").param(id).query(LifecycleChanges::row).optional();
  }

  public LifecycleChange require(String id) {
    return find(id).orElseThrow(() -> new UnknownChange(id));
  }

  /** The latest changes first. */
  public List<LifecycleChange> list(int limit) {
    return jdbc.sql("SELECT * FROM lifecycle_change ORDER BY proposed_at DESC").query(LifecycleChanges::row).list()
        .stream().limit(limit).toList();
  }

  Map<String, byte[]> resources(String id) {
    String json = jdbc.sql("SELECT resources FROM lifecycle_change WHERE id = ?").param(id).query(String.class)
        .optional().orElseThrow(() -> new UnknownChange(id));
    return decode(json);
  }

  private static String folder(String file) {
    return switch (ModelFiles.kind(file).orElseThrow()) {
      case BPMN -> "processes/";
      case DMN -> "dmn/";
      case FORM -> "forms/";
    };
  }

  private static String encode(Map<String, byte[]> files) {
    Map<String, String> encoded = new TreeMap<>();
    files.forEach((name, bytes) -> encoded.put(name, Base64.getEncoder().encodeToString(bytes)));
    try {
      return JSON.writeValueAsString(encoded);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, byte[]> decode(String json) {
    try {
      Map<String, String> encoded = JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
      Map<String, byte[]> files = new TreeMap<>();
      encoded.forEach((name, base64) -> files.put(name, Base64.getDecoder().decode(base64)));
      return files;
    } catch (Exception e) {
      throw new IllegalStateException("Unreadable resources of a lifecycle change", e);
    }
  }

  private static LifecycleChange row(ResultSet rs, int n) throws SQLException {
    String result = rs.getString("check_result");
    List<String> problems = result == null || result.isBlank() ? List.of() : Arrays.asList(result.split("\n"));
    Boolean passed = rs.getObject("check_passed") == null ? null : rs.getBoolean("check_passed");
    return new LifecycleChange(rs.getString("id"), rs.getString("status"), rs.getString("summary"),
        List.copyOf(decode(rs.getString("resources")).keySet()), rs.getString("proposed_by"),
        rs.getObject("proposed_at", OffsetDateTime.class), rs.getString("process_instance_id"),
        rs.getObject("checked_at", OffsetDateTime.class), passed, problems,
        rs.getString("decision_diff"), rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class),
        rs.getString("decision_reason"), rs.getString("deployment_id"), rs.getObject("deployed_at", OffsetDateTime.class),
        rs.getString("backtest"));
  }
}
