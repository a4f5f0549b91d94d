package dev.firebreak.audit;

import java.util.List;
import java.util.Map;

/** The audit evidence as CSV: one line per task, decision, approval, notification and change. */
final class AuditCsv {

  private AuditCsv() {
  }

  @SuppressWarnings("unchecked")
  static String of(Map<String, Object> evidence) {
    StringBuilder out = new StringBuilder("section,at,by,what,details\n");
    for (Map<String, Object> t : (List<Map<String, Object>>) evidence.get("tasks")) {
      line(out, "task", t.get("completedAt") != null ? t.get("completedAt") : t.get("createdAt"),
          t.get("completedBy"), t.get("name"), "created " + t.get("createdAt") + "; claimed " + t.get("claimedAt")
              + " by " + t.get("claimedBy") + "; form " + t.get("formValues"));
    }
    for (Map<String, Object> d : (List<Map<String, Object>>) evidence.get("decisions")) {
      line(out, "decision", d.get("evaluatedAt"), null, d.get("decisionKey") + " v" + d.get("decisionVersion"),
          "inputs " + d.get("inputs") + "; outputs " + d.get("outputs") + "; rules " + d.get("matchedRules"));
    }
    for (Map<String, Object> a : (List<Map<String, Object>>) evidence.get("approvals")) {
      line(out, "approval", a.get("at"), a.get("by"), a.get("name") + ": " + a.get("decision"), a.get("reason"));
    }
    for (Map<String, Object> n : (List<Map<String, Object>>) evidence.get("notifications")) {
      line(out, "notification", n.get("at"), n.get("by"), n.get("summary"), n.get("details"));
    }
    for (Map<String, Object> c : (List<Map<String, Object>>) evidence.get("administrativeChanges")) {
      line(out, "administrative-change", c.get("at"), c.get("by"), c.get("operation"),
          c.get("summary") != null ? c.get("summary") : c.get("entity") + " " + c.get("processInstanceId")
              + (c.get("property") == null ? "" : " " + c.get("property") + ": " + c.get("from") + " → " + c.get("to")));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, Object... cells) {
    for (int i = 0; i < cells.length; i++) {
      out.append(i == 0 ? "" : ",").append(cell(cells[i]));
    }
    out.append('\n');
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = String.valueOf(value);
    // a cell a spreadsheet would run as a formula is quoted as text
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
