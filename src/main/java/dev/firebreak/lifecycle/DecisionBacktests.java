package dev.firebreak.lifecycle;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.web.NotFoundException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Backtests a changed decision table: the recorded evaluations of a period (the engine's historic
 * decision instances; for incidents whose history is gone, the decision entries of their timeline)
 * are evaluated again with the changed table in a standalone DMN engine — nothing is deployed — and
 * the incidents whose outcome would differ are listed with their inputs, the old and the new
 * outcome, and totals in words ("2 of 5 incidents would have been SEV1 instead of SEV2"). The
 * outcome compared is the table's first output column; the other outputs are shown.
 */
@Service
public class DecisionBacktests {

  static final URI INVALID_DMN = URI.create("https://firebreak.dev/problems/invalid-decision-table");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** No deployed decision of that key (or version). */
  public static class UnknownDecision extends NotFoundException {
    UnknownDecision(String message) {
      super(message);
    }

    @Override
    public String title() {
      return "Decision not found";
    }
  }

  private final HistoryService history;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final Incidents incidents;
  private final Texts texts;
  /** The rule ids the standalone engine matched on this thread, in the last evaluation. */
  private static final ThreadLocal<List<String>> MATCHED = new ThreadLocal<>();
  private final DmnEngine engine = standaloneEngine();

  private static DmnEngine standaloneEngine() {
    var configuration = (org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration)
        DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.setCustomPostDecisionTableEvaluationListeners(List.of(event -> MATCHED.set(
        event.getMatchingRules().stream().map(org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule::getId).toList())));
    return configuration.buildEngine();
  }

  DecisionBacktests(@Lazy HistoryService history, @Lazy RepositoryService repository, @Lazy IdentityService identity,
      Incidents incidents, Texts texts) {
    this.history = history;
    this.repository = repository;
    this.identity = identity;
    this.incidents = incidents;
    this.texts = texts;
  }

  /** The deployed DMN of a decision's version (latest when null), as the XML a backtest takes. */
  public byte[] deployed(String decisionKey, Integer version) {
    return unrestricted(() -> {
      var query = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey);
      DecisionDefinition definition = version == null ? query.latestVersion().singleResult()
          : query.decisionDefinitionVersion(version).singleResult();
      if (definition == null) {
        throw new UnknownDecision("No deployed decision " + decisionKey + (version == null ? "" : " version " + version));
      }
      return Dmn.convertToString(repository.getDmnModelInstance(definition.getId())).getBytes(StandardCharsets.UTF_8);
    });
  }

  /**
   * Backtests {@code xml} (a DMN file holding the decision {@code decisionKey}) over the evaluations
   * of [from, to). Invalid DMN, or DMN without that decision table: 422.
   */
  public Map<String, Object> backtest(String decisionKey, byte[] xml, Instant from, Instant to) {
    Parsed table = parse(decisionKey, xml);
    return unrestricted(() -> run(decisionKey, table, from, to));
  }

  /**
   * The review's backtest of a proposed change: every proposed decision table that is deployed today
   * is backtested over the last {@value #REVIEW_DAYS} days, as text a reviewer reads (empty when no
   * deployed table is changed). A table that cannot be backtested says why; the check goes on.
   */
  public String ofChange(Map<String, byte[]> proposed, Map<String, byte[]> deployed) {
    java.util.Set<String> deployedTables = new java.util.HashSet<>();
    deployed.entrySet().stream().filter(e -> ModelFiles.kind(e.getKey()).orElse(null) == ModelFiles.Kind.DMN)
        .filter(ModelFiles::readable)
        .forEach(e -> ModelFiles.dmn(e.getValue()).getModelElementsByType(Decision.class)
            .forEach(d -> deployedTables.add(d.getId())));
    Instant to = Instant.now();
    Instant from = to.minus(java.time.Duration.ofDays(REVIEW_DAYS));
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : proposed.entrySet()) {
      if (ModelFiles.kind(file.getKey()).orElse(null) != ModelFiles.Kind.DMN || !ModelFiles.readable(file)) {
        continue;
      }
      for (Decision decision : ModelFiles.dmn(file.getValue()).getModelElementsByType(Decision.class)) {
        if (!(decision.getExpression() instanceof DecisionTable) || !deployedTables.contains(decision.getId())) {
          continue;
        }
        try {
          Map<String, Object> result = backtest(decision.getId(), file.getValue(), from, to);
          lines.add(texts.get("backtest.review", decision.getId(), REVIEW_DAYS, result.get("summary")));
          for (Object total : (List<?>) result.get("totals")) {
            lines.add("  " + ((Map<?, ?>) total).get("text"));
          }
          for (Object difference : (List<?>) result.get("differences")) {
            Map<?, ?> d = (Map<?, ?>) difference;
            String compared = String.valueOf(result.get("compared"));
            lines.add("    " + d.get("incident") + ": " + ((Map<?, ?>) d.get("old")).get(compared) + " → "
                + ((Map<?, ?>) d.get("new")).get(compared) + "  " + d.get("inputs"));
          }
        } catch (ErrorResponseException invalid) {
          lines.add(texts.get("backtest.review.failed", decision.getId(),
              invalid.getBody().getDetail() == null ? "" : invalid.getBody().getDetail()));
        }
      }
    }
    return String.join("\n", lines);
  }

  /** The period a lifecycle change's review backtests, in days back from now. */
  static final int REVIEW_DAYS = 90;

  /** The changed table's parse: the engine's decision and the model (inputs by id and label, rules). */
  private record Parsed(DmnDecision decision, DecisionTable table) {
  }

  private Parsed parse(String decisionKey, byte[] xml) {
    if (xml == null || xml.length == 0) {
      throw invalid("The request body must be the changed DMN (XML), or name a deployed version (?version=)", null);
    }
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (RuntimeException e) {
      throw invalid("The DMN does not parse: " + firstLine(e), e);
    }
    if (!(model.getModelElementById(decisionKey) instanceof Decision decision)
        || !(decision.getExpression() instanceof DecisionTable table)) {
      throw invalid("The DMN holds no decision table with the id " + decisionKey, null);
    }
    try {
      return new Parsed(engine.parseDecision(decisionKey, model), table);
    } catch (RuntimeException e) {
      throw invalid("The decision table " + decisionKey + " is not valid: " + firstLine(e), e);
    }
  }

  private Map<String, Object> run(String decisionKey, Parsed changed, Instant from, Instant to) {
    String compared = changed.table().getOutputs().stream().findFirst().map(o -> o.getName() != null ? o.getName() : o.getId())
        .orElseThrow(() -> invalid("The decision table " + decisionKey + " has no output", null));
    // the last evaluation of each incident in the period: the decision that was in force
    Map<String, Recorded> byIncident = new LinkedHashMap<>();
    List<HistoricDecisionInstance> recorded = history.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(decisionKey).evaluatedAfter(Date.from(from)).evaluatedBefore(Date.from(to))
        .includeInputs().includeOutputs().list();
    Map<String, DmnModelInstance> models = new HashMap<>();
    for (HistoricDecisionInstance d : recorded.stream()
        .sorted(Comparator.comparing(HistoricDecisionInstance::getEvaluationTime)).toList()) {
      Optional<String> key = incidents.keyOfProcessInstance(d.getRootProcessInstanceId())
          .or(() -> incidents.keyOfProcessInstance(d.getProcessInstanceId()));
      if (key.isEmpty()) {
        continue;
      }
      byIncident.put(key.get(), fromHistory(d, models));
    }
    // incidents of the period whose history is gone: their timeline keeps the decision's inputs and outputs
    for (IncidentRecord incident : incidents.list(new dev.firebreak.incident.IncidentFilter(null, null, null))) {
      if (byIncident.containsKey(incident.key()) || incident.declaredAt() == null
          || incident.declaredAt().isBefore(from) || !incident.declaredAt().isBefore(to)) {
        continue;
      }
      fromTimeline(incident.key(), decisionKey).ifPresent(r -> byIncident.put(incident.key(), r));
    }

    List<Map<String, Object>> differences = new ArrayList<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    Map<String, Integer> totals = new LinkedHashMap<>();
    for (Map.Entry<String, Recorded> e : byIncident.entrySet()) {
      Recorded r = e.getValue();
      Map<String, Object> newOutputs;
      Map<String, Object> newRule;
      try {
        MATCHED.remove();
        DmnDecisionResult result = engine.evaluateDecision(changed.decision(), Variables.fromMap(variables(r, changed.table())));
        newOutputs = result.isEmpty() ? Map.of() : new LinkedHashMap<>(result.getFirstResult().getEntryMap());
        newRule = rule(changed.table(), MATCHED.get());
      } catch (RuntimeException failure) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("incident", e.getKey());
        row.put("inputs", r.inputsByLabel());
        row.put("error", firstLine(failure));
        failures.add(row);
        continue;
      }
      Object oldValue = r.outputs().get(compared);
      Object newValue = newOutputs.get(compared);
      if (Objects.equals(str(oldValue), str(newValue))) {
        continue;
      }
      totals.merge(str(oldValue) + "\u0000" + str(newValue), 1, Integer::sum);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("incident", e.getKey());
      row.put("evaluatedAt", r.evaluatedAt() == null ? null : r.evaluatedAt().toString());
      row.put("recordedIn", r.source());
      row.put("decisionVersion", r.version());
      row.put("inputs", r.inputsByLabel());
      row.put("old", r.outputs());
      row.put("new", newOutputs);
      row.put("newRule", newRule);
      differences.add(row);
    }
    int n = byIncident.size();
    List<Map<String, Object>> totalRows = new ArrayList<>();
    totals.forEach((pair, count) -> {
      String[] values = pair.split("\u0000", -1);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("old", values[0]);
      row.put("new", values[1]);
      row.put("incidents", count);
      row.put("text", texts.get("backtest.total", count, n, values[1].isEmpty() ? "—" : values[1],
          values[0].isEmpty() ? "—" : values[0]));
      totalRows.add(row);
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decisionKey", decisionKey);
    body.put("from", from.toString());
    body.put("to", to.toString());
    body.put("compared", compared);
    body.put("incidents", n);
    body.put("changed", differences.size());
    body.put("summary", differences.isEmpty() ? texts.get("backtest.none", n)
        : texts.get("backtest.some", differences.size(), n));
    body.put("totals", totalRows);
    body.put("differences", differences);
    body.put("notEvaluated", failures);
    return body;
  }

  /** A recorded evaluation: inputs by clause id and by label, outputs by name. */
  private record Recorded(String source, Integer version, Instant evaluatedAt, Map<String, Object> inputsById,
      Map<String, Object> inputsByLabel, Map<String, Object> inputsByVariable, Map<String, Object> outputs) {
  }

  private Recorded fromHistory(HistoricDecisionInstance d, Map<String, DmnModelInstance> models) {
    DmnModelInstance deployed = models.computeIfAbsent(d.getDecisionDefinitionId(), repository::getDmnModelInstance);
    Map<String, Object> byId = new LinkedHashMap<>();
    Map<String, Object> byLabel = new LinkedHashMap<>();
    Map<String, Object> byVariable = new LinkedHashMap<>();
    d.getInputs().forEach(i -> {
      byId.put(i.getClauseId(), i.getValue());
      byLabel.put(i.getClauseName() != null ? i.getClauseName() : i.getClauseId(), i.getValue());
      if (deployed != null && deployed.getModelElementById(i.getClauseId()) instanceof Input input
          && input.getInputExpression() != null) {
        String expression = input.getInputExpression().getTextContent().trim();
        if (IDENTIFIER.matcher(expression).matches()) {
          byVariable.put(expression, i.getValue());
        }
      }
    });
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (HistoricDecisionOutputInstance o : d.getOutputs()) {
      if (o.getRuleOrder() == null || o.getRuleOrder() == 1) {
        outputs.putIfAbsent(o.getVariableName() != null ? o.getVariableName() : o.getClauseName(), o.getValue());
      }
    }
    Integer version = repository.createDecisionDefinitionQuery().decisionDefinitionId(d.getDecisionDefinitionId())
        .list().stream().findFirst().map(DecisionDefinition::getVersion).orElse(null);
    return new Recorded("history", version, d.getEvaluationTime().toInstant(), byId, byLabel, byVariable, outputs);
  }

  private Optional<Recorded> fromTimeline(String key, String decisionKey) {
    TimelineEntry last = null;
    for (TimelineEntry e : incidents.timeline(key)) {
      if (TimelineEntry.Kind.DECISION.equals(e.kind()) && e.details() != null
          && decisionKey.equals(e.details().path("decision").asText())) {
        last = e;
      }
    }
    if (last == null) {
      return Optional.empty();
    }
    Map<String, Object> byLabel = new LinkedHashMap<>();
    last.details().path("inputs").fields().forEachRemaining(f -> byLabel.put(f.getKey(), plain(f.getValue())));
    Map<String, Object> outputs = new LinkedHashMap<>();
    last.details().path("outputs").fields().forEachRemaining(f -> outputs.put(f.getKey(), plain(f.getValue())));
    return Optional.of(new Recorded("timeline", null, last.occurredAt(), Map.of(), byLabel, Map.of(), outputs));
  }

  private static Object plain(com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }

  /** The variables the changed table's input expressions read: by the recorded expression, clause id or label. */
  private static Map<String, Object> variables(Recorded r, DecisionTable table) {
    Map<String, Object> variables = new HashMap<>(r.inputsByVariable());
    for (Input input : table.getInputs()) {
      String expression = input.getInputExpression() == null ? null : input.getInputExpression().getTextContent().trim();
      if (expression == null || !IDENTIFIER.matcher(expression).matches() || variables.containsKey(expression)) {
        continue;
      }
      if (r.inputsById().containsKey(input.getId())) {
        variables.put(expression, r.inputsById().get(input.getId()));
      } else if (input.getLabel() != null && r.inputsByLabel().containsKey(input.getLabel())) {
        variables.put(expression, r.inputsByLabel().get(input.getLabel()));
      } else {
        variables.put(expression, null);
      }
    }
    return variables;
  }

  /** The changed table's rule that decided (hit policy FIRST: the first match): id and description. */
  private static Map<String, Object> rule(DecisionTable table, List<String> matched) {
    if (matched == null || matched.isEmpty()) {
      return null;
    }
    String id = matched.get(0);
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", id);
    table.getRules().stream().filter(r -> id.equals(r.getId())).findFirst()
        .ifPresent(r -> rule.put("description", r.getDescription() == null ? null : r.getDescription().getTextContent().trim()));
    return rule;
  }

  private static String str(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  private static ErrorResponseException invalid(String detail, Throwable cause) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, detail);
    problem.setType(INVALID_DMN);
    problem.setTitle("Invalid decision table");
    return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, cause);
  }

  private <T> T unrestricted(Supplier<T> work) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
