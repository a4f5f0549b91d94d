package dev.firebreak.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * The rule-by-rule difference of proposed decision tables against the deployed tables of the same
 * decision id: rules added, removed and changed (matched by rule id), each with its input entries,
 * outputs and description, as text a reviewer reads.
 */
public final class DecisionDiff {

  private DecisionDiff() {
  }

  /** The diff of every proposed decision table; empty when no .dmn is proposed. */
  public static String of(Map<String, byte[]> proposed, Map<String, byte[]> deployed) {
    Map<String, Table> before = new LinkedHashMap<>();
    deployed.entrySet().stream().filter(e -> ModelFiles.kind(e.getKey()).orElse(null) == ModelFiles.Kind.DMN)
        .filter(ModelFiles::readable)
        .forEach(e -> tables(ModelFiles.dmn(e.getValue())).forEach(t -> before.put(t.decisionId, t)));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : proposed.entrySet()) {
      if (ModelFiles.kind(file.getKey()).orElse(null) != ModelFiles.Kind.DMN || !ModelFiles.readable(file)) {
        continue;
      }
      for (Table after : tables(ModelFiles.dmn(file.getValue()))) {
        out.addAll(diff(ModelFiles.fileName(file.getKey()), before.get(after.decisionId), after));
      }
    }
    return String.join("\n", out);
  }

  private static List<String> diff(String file, Table before, Table after) {
    List<String> lines = new ArrayList<>();
    String head = "Decision " + after.decisionId + " (" + file + ")";
    if (before == null) {
      lines.add(head + ": new decision, " + after.rules.size() + " rules");
      after.rules.values().forEach(rule -> lines.addAll(rule.describe("+ ")));
      return lines;
    }
    if (!before.columns().equals(after.columns())) {
      lines.add("  columns: " + before.columns() + " → " + after.columns());
    }
    if (!Objects.equals(before.hitPolicy, after.hitPolicy)) {
      lines.add("  hit policy: " + before.hitPolicy + " → " + after.hitPolicy);
    }
    int added = 0;
    int removed = 0;
    int changed = 0;
    for (RuleText rule : after.rules.values()) {
      RuleText old = before.rules.get(rule.id);
      if (old == null) {
        added++;
        lines.addAll(rule.describe("+ "));
      } else if (!old.equals(rule)) {
        changed++;
        lines.add("  ~ rule " + rule.id);
        changedPart(lines, "description", old.description, rule.description);
        changedPart(lines, "when", String.join(", ", old.inputs), String.join(", ", rule.inputs));
        changedPart(lines, "then", String.join(", ", old.outputs), String.join(", ", rule.outputs));
      }
    }
    for (RuleText rule : before.rules.values()) {
      if (!after.rules.containsKey(rule.id)) {
        removed++;
        lines.addAll(rule.describe("- "));
      }
    }
    lines.add(0, head + ": " + changed + " changed, " + added + " added, " + removed + " removed rules"
        + (changed + added + removed == 0 ? " (the table's rules are as deployed)" : ""));
    return lines;
  }

  private static void changedPart(List<String> lines, String part, String before, String after) {
    if (Objects.equals(before, after)) {
      lines.add("      " + part + ": " + after);
    } else {
      lines.add("      " + part + ": " + before + "  →  " + after);
    }
  }

  private record Table(String decisionId, String hitPolicy, List<String> inputs, List<String> outputs,
      Map<String, RuleText> rules) {

    String columns() {
      return String.join(", ", inputs) + " | " + String.join(", ", outputs);
    }
  }

  private record RuleText(String id, String description, List<String> inputs, List<String> outputs) {

    List<String> describe(String sign) {
      List<String> lines = new ArrayList<>();
      lines.add("  " + sign + "rule " + id + (description.isEmpty() ? "" : ": " + description));
      lines.add("      when: " + String.join(", ", inputs));
      lines.add("      then: " + String.join(", ", outputs));
      return lines;
    }
  }

  private static List<Table> tables(DmnModelInstance model) {
    List<Table> tables = new ArrayList<>();
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (!(decision.getExpression() instanceof DecisionTable table)) {
        continue;
      }
      List<String> inputs = table.getInputs().stream().map(DecisionDiff::label).toList();
      List<String> outputs = table.getOutputs().stream()
          .map(o -> o.getName() != null ? o.getName() : label(o)).toList();
      Map<String, RuleText> rules = new LinkedHashMap<>();
      int index = 0;
      for (Rule rule : table.getRules()) {
        index++;
        List<String> when = new ArrayList<>();
        int i = 0;
        for (InputEntry entry : rule.getInputEntries()) {
          when.add((i < inputs.size() ? inputs.get(i) : "input " + (i + 1)) + ": " + text(entry.getTextContent()));
          i++;
        }
        List<String> then = new ArrayList<>();
        i = 0;
        for (OutputEntry entry : rule.getOutputEntries()) {
          then.add((i < outputs.size() ? outputs.get(i) : "output " + (i + 1)) + " = " + text(entry.getTextContent()));
          i++;
        }
        String id = rule.getId() != null ? rule.getId() : "#" + index;
        String description = rule.getDescription() == null ? "" : rule.getDescription().getTextContent().trim();
        rules.put(id, new RuleText(id, description, when, then));
      }
      tables.add(new Table(decision.getId(), table.getHitPolicy() == null ? null : table.getHitPolicy().name(),
          inputs, outputs, rules));
    }
    return tables;
  }

  private static String label(Input input) {
    if (input.getLabel() != null) {
      return input.getLabel();
    }
    return input.getInputExpression() != null ? input.getInputExpression().getTextContent().trim() : input.getId();
  }

  private static String label(Output output) {
    return output.getLabel() != null ? output.getLabel() : output.getId();
  }

  private static String text(String entry) {
    String t = entry == null ? "" : entry.trim();
    return t.isEmpty() || t.equals("-") ? "any" : t;
  }
}
