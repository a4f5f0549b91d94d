package dev.firebreak.audit;

import dev.firebreak.incident.EscalationTarget;
import dev.firebreak.notify.NotifyProperties;
import dev.firebreak.platform.process.Coded;
import dev.firebreak.platform.time.Durations;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * A decision in words for the timeline: the decision's template (classpath timeline/timeline*.properties,
 * key {@code decision.<decision id>}) filled with the matched rule's description and the outputs as
 * people read them ("SEV1 — All users of a tier-1 … service are affected", "Notify: Central channel,
 * Incident channel, …; status updates every 30 min — SEV1: …"). The raw inputs and outputs stay in
 * the entry's details.
 */
@Component
class DecisionSummaries {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
  private final NotifyProperties properties;

  DecisionSummaries(NotifyProperties properties) {
    this.properties = properties;
    messages.setBasename("timeline/timeline");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setAlwaysUseMessageFormat(false);
  }

  /**
   * @param labels the decision table's output labels by output name, in column order (the order of {on})
   * @param outputs the decided outputs by name
   */
  String summary(String decisionKey, String stepName, String rule, Map<String, String> labels,
      Map<String, Object> outputs) {
    Locale locale = Locale.forLanguageTag(properties.getLocale());
    String template;
    try {
      template = messages.getMessage("decision." + decisionKey, null, locale);
    } catch (NoSuchMessageException unknown) {
      template = messages.getMessage("decision.other", null, locale);
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("decision", stepName == null ? decisionKey : stepName);
    values.put("rule", rule == null || rule.isBlank() ? "" : rule);
    StringBuilder on = new StringBuilder();
    java.util.List<String> columns = new java.util.ArrayList<>(labels.keySet());
    outputs.keySet().stream().filter(name -> !columns.contains(name)).sorted().forEach(columns::add);
    for (String name : columns) {
      if (!outputs.containsKey(name)) {
        continue;
      }
      Object value = outputs.get(name);
      values.put(name, format(name, value, locale));
      if (Boolean.TRUE.equals(value)) {
        on.append(on.isEmpty() ? "" : ", ").append(labels.getOrDefault(name, name));
      }
    }
    values.put("on", on.isEmpty() ? messages.getMessage("value.none", null, locale) : on.toString());
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder text = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(text, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
    }
    matcher.appendTail(text);
    String summary = text.toString().trim();
    return summary.endsWith("—") ? summary.substring(0, summary.length() - 1).trim() : summary;
  }

  private String format(String name, Object value, Locale locale) {
    if (value == null) {
      return "—";
    }
    if (value instanceof Boolean yes) {
      return messages.getMessage("value." + yes, null, locale);
    }
    String text = String.valueOf(value);
    if (text.startsWith("R/") || text.startsWith("PT") || text.matches("R\\d+/.*")) {
      return Durations.cycle(text, locale);
    }
    return Coded.fromCode(EscalationTarget.class, text)
        .map(target -> messages.getMessage("escalationTarget." + target.code(), null, target.label(), locale))
        .orElse(text);
  }
}
