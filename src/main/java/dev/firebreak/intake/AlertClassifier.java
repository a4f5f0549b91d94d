package dev.firebreak.intake;

import static dev.firebreak.intake.AlertClassification.*;

import dev.firebreak.incident.AlertSeverity;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.process.EngineAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedOutput;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Classifies an alert by dmn/alert-classification.dmn (the latest deployed version), which process
 * owners edit: its labels and annotations become the service, incident type and impact scope of
 * the incident's declaration. The table's hit policy is RULE ORDER: for each output the first
 * matching rule that gives it a value decides. The matched rules are taken from the DMN engine (a
 * decision table listener this plugin adds), so the timeline can say which rule decided what.
 */
@Component
class AlertClassifier extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(AlertClassifier.class);
  private static final ThreadLocal<Capture> CAPTURE = new ThreadLocal<>();

  /** One matched rule: its id, its description and the outputs it decided. */
  record DecidingRule(String id, String description, List<String> decided) {
  }

  /**
   * What the table made of the alert. {@code serviceLabel} is the label as sent (empty when
   * missing); {@code service} the incident's service ("unknown" when neither label nor text names one).
   */
  record Classification(String serviceLabel, String service, IncidentType incidentType, ImpactScope impactScope,
      Map<String, Object> inputs, Map<String, Object> outputs, List<DecidingRule> rules) {

    /** The label was missing or not in the catalog, whatever the table made of it. */
    boolean labelUnknown(ServiceCatalog catalog) {
      return !catalog.knows(serviceLabel);
    }
  }

  private static final class Capture {
    String definitionId;
    final List<DmnEvaluatedDecisionRule> rules = new ArrayList<>();
  }

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final ServiceCatalog catalog;
  private final Map<String, String> descriptions = new ConcurrentHashMap<>();

  AlertClassifier(@Lazy DecisionService decisions, @Lazy RepositoryService repository, ServiceCatalog catalog) {
    this.decisions = decisions;
    this.repository = repository;
    this.catalog = catalog;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>();
    if (dmn.getCustomPostDecisionTableEvaluationListeners() != null) {
      listeners.addAll(dmn.getCustomPostDecisionTableEvaluationListeners());
    }
    listeners.add(AlertClassifier::capture);
    dmn.setCustomPostDecisionTableEvaluationListeners(listeners);
  }

  private static void capture(DmnDecisionTableEvaluationEvent event) {
    Capture capture = CAPTURE.get();
    if (capture == null || !DECISION.equals(event.getDecision().getKey())) {
      return;
    }
    if (event.getDecision() instanceof DecisionDefinition definition) {
      capture.definitionId = definition.getId();
    }
    capture.rules.addAll(event.getMatchingRules());
  }

  /** The alert's classification; the inputs are the alert's labels and annotations as the table reads them. */
  Classification classify(AlertEvent event, AlertSeverity alertSeverity) {
    String serviceLabel = trimmed(event.label("service"));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put(ALERT_SERVICE_LABEL.name(), serviceLabel);
    inputs.put(ALERT_TEXT.name(), Stream.of(event.annotation("summary"), event.annotation("description"),
            event.annotation("impact"), event.label("impact"))
        .filter(Objects::nonNull).map(String::trim).distinct().collect(Collectors.joining(" \n "))
        .toLowerCase(Locale.ROOT));
    inputs.put(ALERT_IMPACT_LABEL.name(), labelOrAnnotation(event, "impact"));
    inputs.put(ALERT_TYPE_LABEL.name(), labelOrAnnotation(event, "incident_type"));
    inputs.put(ALERT_SEVERITY.name(), alertSeverity.code());
    inputs.put(CATALOG_CUSTOMER_FACING.name(),
        catalog.find(serviceLabel).map(FirebreakProperties.ServiceEntry::isCustomerFacing).orElse(null));

    Capture capture = new Capture();
    CAPTURE.set(capture);
    try {
      decisions.evaluateDecisionByKey(DECISION).variables(inputs).evaluate();
    } finally {
      CAPTURE.remove();
    }

    Map<String, Object> outputs = new LinkedHashMap<>();
    List<DecidingRule> rules = new ArrayList<>();
    for (DmnEvaluatedDecisionRule rule : capture.rules) {
      List<String> decided = new ArrayList<>();
      for (DmnEvaluatedOutput output : rule.getOutputEntries().values()) {
        Object value = output.getValue() == null ? null : output.getValue().getValue();
        if (value != null && !outputs.containsKey(output.getOutputName())) {
          outputs.put(output.getOutputName(), value);
          decided.add(output.getOutputName());
        }
      }
      if (!decided.isEmpty()) {
        rules.add(new DecidingRule(rule.getId(), describe(capture.definitionId, rule.getId()), decided));
      }
    }
    String service = Optional.ofNullable(CLASSIFIED_SERVICE.convert(outputs.get(CLASSIFIED_SERVICE.name())))
        .map(String::trim).filter(s -> !s.isEmpty()).orElse("unknown");
    IncidentType type = code(IncidentType.class, outputs, CLASSIFIED_INCIDENT_TYPE.name(), IncidentType.DEGRADED_PERFORMANCE);
    ImpactScope impact = code(ImpactScope.class, outputs, CLASSIFIED_IMPACT_SCOPE.name(), ImpactScope.PART_OF_USERS);
    return new Classification(serviceLabel, service, type, impact, inputs, outputs, rules);
  }

  private static <E extends Enum<E> & Coded> E code(Class<E> type, Map<String, Object> outputs, String name, E fallback) {
    Object value = outputs.get(name);
    Optional<E> choice = value == null ? Optional.empty() : Coded.fromCode(type, value.toString().trim());
    if (choice.isEmpty()) {
      log.warn("Decision {} gave {} = '{}', which is not one of {}; using {}", DECISION, name, value,
          Coded.codes(type), fallback.code());
    }
    return choice.orElse(fallback);
  }

  private String describe(String definitionId, String ruleId) {
    if (definitionId == null) {
      return "";
    }
    return descriptions.computeIfAbsent(definitionId + "#" + ruleId, key -> EngineAccess.withoutAuthorization(() -> {
      Rule rule = repository.getDmnModelInstance(definitionId).getModelElementById(ruleId);
      Description description = rule == null ? null : rule.getDescription();
      return description == null ? "" : description.getTextContent().trim();
    }));
  }

  private static String labelOrAnnotation(AlertEvent event, String name) {
    String value = event.annotation(name) != null ? event.annotation(name) : event.label(name);
    return trimmed(value).toLowerCase(Locale.ROOT);
  }

  private static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }
}
