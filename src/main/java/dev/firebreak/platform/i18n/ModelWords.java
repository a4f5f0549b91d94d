package dev.firebreak.platform.i18n;

import dev.firebreak.platform.process.EngineAccess;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The models' own words in {@code firebreak.notify.locale} (classpath timeline/models*.properties):
 * the English is the models' (a user task's name in its diagram, a rule's annotation, an output's label,
 * a form field's label and option labels, the text a rule outputs), so process owners keep editing it in
 * Modeler; the other languages translate it, keyed by the model's ids, and fall back to the model's own
 * text where a translation is missing. {@code ModelWordsTest} holds every shipped model and the Korean
 * bundle equal (every rule, user task and output has its Korean, and no key names what no model has).
 *
 * <p>Keys: {@code step.<activity id>}; {@code rule.<decision id>.<rule id>}; {@code output.<decision id>.<output
 * name>}; {@code decided.<decision id>.<rule id>.<output name>} (a text output, e.g. the reason);
 * {@code field.<form field key>} and {@code option.<form field key>.<value>}.
 */
@Component
public class ModelWords {

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
  private final TimelineWords words;
  private final RepositoryService repository;
  private final Map<String, Map<String, String>> decidedRules = new ConcurrentHashMap<>();

  public ModelWords(TimelineWords words, @Lazy RepositoryService repository) {
    this.words = words;
    this.repository = repository;
    messages.setBasename("timeline/models");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setAlwaysUseMessageFormat(false);
  }

  /** The configured language. */
  public Locale locale() {
    return words.locale();
  }

  /** A user task's (or any flow node's) name: the translation of {@code step.<id>}, else the diagram's name. */
  public String step(String activityId, String diagramName) {
    return find("step." + activityId).orElse(diagramName);
  }

  /** A rule's description: the translation of {@code rule.<decision>.<rule>}, else the table's annotation. */
  public String rule(String decisionKey, String ruleId, String annotation) {
    return find("rule." + decisionKey + "." + ruleId).orElse(annotation);
  }

  /** An output column's label: the translation of {@code output.<decision>.<name>}, else the table's label. */
  public String output(String decisionKey, String outputName, String label) {
    return find("output." + decisionKey + "." + outputName).orElse(label);
  }

  /** A form field's label: the translation of {@code field.<key>}, else null. */
  public Optional<String> field(String key) {
    return find("field." + key);
  }

  /** An option's label of a form field: the translation of {@code option.<key>.<value>}, else null. */
  public Optional<String> option(String key, Object value) {
    return value == null ? Optional.empty() : find("option." + key + "." + value);
  }

  /**
   * A text a decision outputs (a reason): its translation ({@code decided.<decision>.<rule>.<output>}) for the rule
   * of the deployed table {@code decisionDefinitionId} whose output entry is exactly this text; else the
   * text as the table has it. Codes (SEV1, R/PT1H, service-team) have no translation and stay as they are.
   */
  public Object decided(String decisionDefinitionId, String outputName, Object value) {
    if (!(value instanceof String text) || decisionDefinitionId == null) {
      return value;
    }
    Map<String, String> rules = decidedRules.computeIfAbsent(decisionDefinitionId, this::textOutputs);
    String key = rules.get(outputName + "\u0000" + text);
    return key == null ? value : find(key).orElse(text);
  }

  /** output name + NUL + literal text → the bundle key of the first rule that outputs it. */
  private Map<String, String> textOutputs(String decisionDefinitionId) {
    Map<String, String> keys = new ConcurrentHashMap<>();
    DmnModelInstance model = EngineAccess.withoutAuthorization(() -> repository.getDmnModelInstance(decisionDefinitionId));
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (!(decision.getExpression() instanceof DecisionTable table)) {
        continue;
      }
      List<Output> outputs = List.copyOf(table.getOutputs());
      for (Rule rule : table.getRules()) {
        List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
        for (int i = 0; i < entries.size() && i < outputs.size(); i++) {
          String literal = entries.get(i).getTextContent() == null ? "" : entries.get(i).getTextContent().trim();
          if (literal.length() >= 2 && literal.startsWith("\"") && literal.endsWith("\"")) {
            keys.putIfAbsent(outputs.get(i).getName() + "\u0000" + literal.substring(1, literal.length() - 1),
                "decided." + decision.getId() + "." + rule.getId() + "." + outputs.get(i).getName());
          }
        }
      }
    }
    return keys;
  }

  private Optional<String> find(String code) {
    try {
      String text = messages.getMessage(code, null, words.locale());
      return text.isBlank() ? Optional.empty() : Optional.of(text);
    } catch (NoSuchMessageException missing) {
      return Optional.empty();
    }
  }
}
