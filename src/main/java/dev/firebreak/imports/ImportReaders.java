package dev.firebreak.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.ImportedIncident;
import dev.firebreak.incident.Severity;
import dev.firebreak.platform.process.Coded;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the three formats into {@link ImportLine}s (README "Import the past" says which field is
 * which). Every line is checked on its own; a line's problems name the field as its source spells it.
 */
final class ImportReaders {

  /** What the request says about fields a format lacks: the zone of times without an offset, the type. */
  record Options(ZoneId zone, String defaultType, String defaultImpact, Instant now) {
  }

  private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

  private ImportReaders() {
  }

  // ---- Firebreak JSON ---------------------------------------------------------------------------

  static List<ImportLine> firebreak(JsonNode items, Options options) {
    List<ImportLine> lines = new ArrayList<>();
    int index = 0;
    for (JsonNode item : items) {
      index++;
      Fields f = new Fields(options.zone());
      if (!item.isObject()) {
        f.problem("incidents[" + index + "]", "must be an object");
        lines.add(new ImportLine(index, "firebreak", null, item.toString(), null, null, null, f.problems));
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        f.put(field.getKey(), field.getValue().isNull() ? null
            : field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
      }
      Draft d = new Draft();
      d.source = f.text("source");
      if (d.source == null) {
        d.source = "firebreak";
      } else if (!SOURCE.matcher(d.source).matches()) {
        f.problem(f.name("source"), "must be lower-case letters, digits, '.', '_' or '-', at most 40 (was '"
            + d.source + "')");
      }
      d.sourceId = f.required("sourceId");
      d.title = f.required("title");
      d.service = f.required("service");
      d.type = f.text("type", "incidentType");
      d.typeField = f.name("type", "incidentType");
      if (d.type == null) {
        f.problem(d.typeField, "is required; one of " + Coded.codes(IncidentType.class));
      }
      d.impact = f.text("impactScope");
      d.impactField = f.name("impactScope");
      d.severity = f.required("severity");
      d.severityField = f.name("severity");
      d.description = f.text("summary", "description");
      d.commander = f.text("commander");
      d.cause = f.text("cause");
      d.lessons = f.text("lessons");
      d.report = report(item.get("report"), d, f);
      d.impactStarted = f.time("impactStartedAt");
      d.detected = f.time("detectedAt");
      d.declared = f.time("declaredAt");
      d.acknowledged = f.time("acknowledgedAt");
      d.mitigated = f.time("mitigatedAt");
      d.resolved = f.time("resolvedAt");
      d.closed = f.time("closedAt");
      d.names = Map.of("impactStarted", f.name("impactStartedAt"), "detected", f.name("detectedAt"),
          "declared", f.name("declaredAt"), "acknowledged", f.name("acknowledgedAt"),
          "mitigated", f.name("mitigatedAt"), "resolved", f.name("resolvedAt"), "closed", f.name("closedAt"));
      lines.add(d.finish(index, item.toString(), f, options));
    }
    return lines;
  }

  /** The keys a Firebreak JSON {@code report} may hold: the written texts of the eight sections, and the resolution. */
  static final List<String> REPORT_KEYS;

  static {
    List<String> keys = new ArrayList<>(dev.firebreak.postmortem.IncidentReport.WRITTEN);
    keys.add("resolution");
    REPORT_KEYS = List.copyOf(keys);
  }

  /** At most this many characters in one section of an imported report. */
  static final int MAX_SECTION = 20000;

  /**
   * The full report of a Firebreak JSON record ({@code "report": {"overview": …, "cause": …}}), the
   * record's {@code summary}, {@code cause} and {@code lessons} standing in for sections it leaves out;
   * null when the record brings no report.
   */
  private static Map<String, String> report(JsonNode node, Draft d, Fields f) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      f.problem("report", "must be an object of the report's sections: " + REPORT_KEYS);
      return null;
    }
    Map<String, String> canonical = new java.util.HashMap<>();
    REPORT_KEYS.forEach(key -> canonical.put(Csv.key(key), key));
    Map<String, String> report = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = canonical.get(Csv.key(field.getKey()));
      JsonNode value = field.getValue();
      if (key == null) {
        f.problem("report." + field.getKey(), "is not a section of the report; one of " + REPORT_KEYS);
      } else if (value.isNull()) {
        continue;
      } else if (!value.isTextual()) {
        f.problem("report." + field.getKey(), "must be text (Markdown)");
      } else if (value.asText().length() > MAX_SECTION) {
        f.problem("report." + field.getKey(), "must be at most " + MAX_SECTION + " characters (is "
            + value.asText().length() + ")");
      } else if (!value.asText().isBlank()) {
        report.put(key, value.asText().strip());
      }
    }
    putIfAbsent(report, dev.firebreak.postmortem.IncidentReport.OVERVIEW, d.description);
    putIfAbsent(report, dev.firebreak.postmortem.IncidentReport.CAUSE, d.cause);
    putIfAbsent(report, dev.firebreak.postmortem.IncidentReport.LESSONS, d.lessons);
    if (report.keySet().stream().noneMatch(key -> !key.equals("resolution"))) {
      f.problem("report", "has no section: write at least one of " + dev.firebreak.postmortem.IncidentReport.WRITTEN);
      return null;
    }
    if (d.cause == null) {
      d.cause = report.get(dev.firebreak.postmortem.IncidentReport.CAUSE);
    }
    if (d.lessons == null) {
      d.lessons = report.get(dev.firebreak.postmortem.IncidentReport.LESSONS);
    }
    return report;
  }

  private static void putIfAbsent(Map<String, String> report, String key, String value) {
    if (value != null && !value.isBlank()) {
      report.putIfAbsent(key, value.strip());
    }
  }

  // ---- PagerDuty incidents CSV --------------------------------------------------------------------

  static List<ImportLine> pagerDuty(List<Csv.Row> rows, Options options) {
    List<ImportLine> lines = new ArrayList<>();
    Csv.Row header = rows.get(0);
    for (Csv.Row row : rows.subList(1, rows.size())) {
      Fields f = fields(header, row, options);
      Draft d = new Draft();
      d.source = "pagerduty";
      d.sourceId = f.required("id", "incident_number");
      d.title = f.required("title", "description");
      d.description = f.text("summary");
      d.service = f.required("service_name", "service", "service.summary");
      String status = f.text("status");
      if (status != null && !status.equalsIgnoreCase("resolved")) {
        f.problem(f.name("status"), "must be resolved: only past incidents are imported (was '" + status + "')");
      }
      d.severityField = f.text("severity") != null ? f.name("severity")
          : f.text("priority", "priority_name", "priority.summary") != null
              ? f.name("priority", "priority_name", "priority.summary") : f.name("urgency");
      d.severity = severity(f.text("severity"), f.text("priority", "priority_name", "priority.summary"),
          f.text("urgency"));
      if (d.severity == null) {
        f.problem(d.severityField, "is required to tell the severity: a priority P1–P5 or an urgency high|low"
            + " (was '" + java.util.Objects.toString(f.text("severity", "priority", "priority_name", "priority.summary",
                "urgency"), "")
            + "')");
      }
      d.type = f.text("incident_type", "type");
      d.typeField = f.name("incident_type", "type");
      if (d.type == null) {
        d.type = options.defaultType();
        d.typeField = "type (?type=)";
      }
      d.impact = null;
      d.cause = f.text("cause");
      d.lessons = f.text("lessons");
      d.commander = f.text("incident_commander", "commander");
      d.detected = f.time("created_on", "created_at", "created");
      d.declared = d.detected;
      d.acknowledged = f.time("acknowledged_on", "acknowledged_at");
      Long toAck = f.seconds("seconds_to_first_ack");
      if (d.acknowledged == null && toAck != null && d.detected != null) {
        d.acknowledged = d.detected.plusSeconds(toAck);
      }
      d.resolved = f.time("resolved_on", "resolved_at");
      Long toResolve = f.seconds("seconds_to_resolve");
      if (d.resolved == null && toResolve != null && d.detected != null) {
        d.resolved = d.detected.plusSeconds(toResolve);
      }
      d.mitigated = f.time("mitigated_on", "mitigated_at");
      if (d.mitigated == null) {
        d.mitigated = d.resolved;
      }
      d.closed = d.resolved;
      String created = f.name("created_on", "created_at", "created");
      String resolved = f.text("resolved_on", "resolved_at") != null || toResolve == null
          ? f.name("resolved_on", "resolved_at") : f.name("seconds_to_resolve");
      d.names = Map.of("impactStarted", created, "detected", created, "declared", created,
          "acknowledged", f.text("acknowledged_on", "acknowledged_at") != null ? f.name("acknowledged_on",
              "acknowledged_at") : f.name("seconds_to_first_ack"),
          "mitigated", f.text("mitigated_on", "mitigated_at") != null ? f.name("mitigated_on") : resolved,
          "resolved", resolved, "closed", resolved);
      lines.add(d.finish(row.line(), header.text() + "\n" + row.text(), f, options));
    }
    return lines;
  }

  // ---- Opsgenie alerts CSV ----------------------------------------------------------------------

  static List<ImportLine> opsgenie(List<Csv.Row> rows, Options options) {
    List<ImportLine> lines = new ArrayList<>();
    Csv.Row header = rows.get(0);
    for (Csv.Row row : rows.subList(1, rows.size())) {
      Fields f = fields(header, row, options);
      Draft d = new Draft();
      d.source = "opsgenie";
      d.sourceId = f.required("AlertId", "Id", "TinyId");
      d.title = f.required("Message");
      d.description = f.text("Description");
      List<String> tags = split(f.text("Tags"));
      String serviceTag = tag(tags, "service");
      d.service = serviceTag != null ? serviceTag : f.text("Entity");
      if (d.service == null) {
        List<String> teams = split(f.text("Teams"));
        d.service = teams.isEmpty() ? null : teams.get(0);
      }
      if (d.service == null) {
        f.problem(f.name("Entity"), "is required to tell the service (or a tag service:<name>, or Teams)");
      }
      String status = f.text("Status");
      if (status != null && !status.equalsIgnoreCase("closed")) {
        f.problem(f.name("Status"), "must be closed: only past alerts are imported (was '" + status + "')");
      }
      d.severityField = f.name("Priority");
      d.severity = severity(null, f.text("Priority"), null);
      if (d.severity == null) {
        f.problem(d.severityField, "must be one of P1, P2, P3, P4, P5 (was '"
            + java.util.Objects.toString(f.text("Priority"), "") + "')");
      }
      String typeTag = tag(tags, "type");
      d.type = typeTag != null ? typeTag : f.text("Type");
      d.typeField = typeTag != null ? f.name("Tags") : f.text("Type") != null ? f.name("Type") : "type (?type=)";
      if (d.type == null) {
        d.type = options.defaultType();
      }
      d.cause = f.text("Cause");
      d.lessons = f.text("Lessons");
      d.commander = f.text("Owner");
      d.detected = f.time("CreatedAt", "CreatedAtDate", "Created");
      d.declared = d.detected;
      d.acknowledged = f.time("AcknowledgedAt");
      Long ackMillis = millis(f, "AckTime", "report.ackTime");
      if (d.acknowledged == null && ackMillis != null && d.detected != null) {
        d.acknowledged = d.detected.plusMillis(ackMillis);
      }
      d.closed = f.time("ClosedAt");
      Long closeMillis = millis(f, "CloseTime", "report.closeTime");
      if (d.closed == null && closeMillis != null && d.detected != null) {
        d.closed = d.detected.plusMillis(closeMillis);
      }
      d.resolved = d.closed;
      d.mitigated = d.closed;
      String created = f.name("CreatedAt", "CreatedAtDate", "Created");
      String closed = f.text("ClosedAt") != null || closeMillis == null ? f.name("ClosedAt")
          : f.name("CloseTime", "report.closeTime");
      d.names = Map.of("impactStarted", created, "detected", created, "declared", created,
          "acknowledged", f.text("AcknowledgedAt") != null ? f.name("AcknowledgedAt") : f.name("AckTime", "report.ackTime"),
          "mitigated", closed, "resolved", closed, "closed", closed);
      lines.add(d.finish(row.line(), header.text() + "\n" + row.text(), f, options));
    }
    return lines;
  }

  // ---- common -----------------------------------------------------------------------------------

  private static Fields fields(Csv.Row header, Csv.Row row, Options options) {
    Fields f = new Fields(options.zone());
    for (int i = 0; i < header.cells().size(); i++) {
      f.put(header.cells().get(i).trim(), i < row.cells().size() ? row.cells().get(i) : null);
    }
    if (row.cells().size() > header.cells().size()) {
      f.problem("line", "has " + row.cells().size() + " fields, the header " + header.cells().size());
    }
    return f;
  }

  private static Long millis(Fields f, String... keys) {
    String value = f.text(keys);
    if (value == null) {
      return null;
    }
    try {
      long millis = Long.parseLong(value);
      if (millis >= 0) {
        return millis;
      }
    } catch (NumberFormatException e) {
      // below
    }
    f.problem(f.name(keys), "is not a number of milliseconds (was '" + value + "')");
    return null;
  }

  /** SEVn as is; P1→SEV1, P2→SEV2, P3→SEV3, P4 and P5→SEV4; urgency high→SEV2, low→SEV3. */
  static String severity(String severity, String priority, String urgency) {
    for (String value : new String[] {severity, priority}) {
      if (value == null) {
        continue;
      }
      String v = value.trim().toUpperCase(Locale.ROOT);
      if (v.matches("SEV[1-4]")) {
        return v;
      }
      if (v.matches("P[1-5]")) {
        return v.equals("P5") ? "SEV4" : "SEV" + v.charAt(1);
      }
      return null;
    }
    if (urgency != null) {
      return switch (urgency.trim().toLowerCase(Locale.ROOT)) {
        case "high" -> "SEV2";
        case "low" -> "SEV3";
        default -> null;
      };
    }
    return null;
  }

  private static List<String> split(String list) {
    if (list == null) {
      return List.of();
    }
    return java.util.Arrays.stream(list.split("[,;]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String tag(List<String> tags, String name) {
    return tags.stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith(name + ":"))
        .map(t -> t.substring(name.length() + 1).trim()).filter(s -> !s.isEmpty()).findFirst().orElse(null);
  }

  /** What a line says, before it is checked as a whole. */
  private static final class Draft {
    String source;
    String sourceId;
    String title;
    String service;
    String type;
    String typeField = "type";
    String impact;
    String impactField = "impactScope (?impact=)";
    String severity;
    String severityField = "severity";
    String description;
    String commander;
    String cause;
    String lessons;
    Map<String, String> report;
    Instant impactStarted;
    Instant detected;
    Instant declared;
    Instant acknowledged;
    Instant mitigated;
    Instant resolved;
    Instant closed;
    Map<String, String> names = Map.of();

    ImportLine finish(int line, String raw, Fields f, Options options) {
      if (sourceId != null && sourceId.length() > 200) {
        f.problem("sourceId", "must be at most 200 characters");
      }
      if (service != null && service.length() > 100) {
        f.problem(names.getOrDefault("service", "service"), "must be at most 100 characters (is "
            + service.length() + ")");
      }
      IncidentType incidentType = null;
      if (type != null) {
        incidentType = Coded.fromCode(IncidentType.class, type.toLowerCase(Locale.ROOT)).orElse(null);
        if (incidentType == null) {
          f.problem(typeField, "must be one of " + Coded.codes(IncidentType.class) + " (was '" + type + "')");
        }
      }
      String impactCode = impact != null ? impact : options.defaultImpact();
      ImpactScope impactScope = Coded.fromCode(ImpactScope.class, impactCode).orElse(null);
      if (impactScope == null) {
        f.problem(impactField, "must be one of " + Coded.codes(ImpactScope.class) + " (was '" + impactCode + "')");
      }
      Severity sev = null;
      if (severity != null) {
        sev = Coded.fromCode(Severity.class, severity.toUpperCase(Locale.ROOT)).orElse(null);
        if (sev == null) {
          f.problem(severityField, "must be one of " + Coded.codes(Severity.class) + " (was '" + severity + "')");
        }
      }
      if (detected == null && f.problems.stream().noneMatch(p -> p.field().equals(names.get("detected")))) {
        f.problem(names.getOrDefault("detected", "detectedAt"), "is required: when the incident was detected");
      }
      if (resolved == null && f.problems.stream().noneMatch(p -> p.field().equals(names.get("resolved")))) {
        f.problem(names.getOrDefault("resolved", "resolvedAt"),
            "is required: an imported incident is over, it needs its resolution time");
      }
      if (declared == null) {
        declared = detected;
      }
      if (mitigated == null) {
        mitigated = resolved;
      }
      notBefore("impactStarted", impactStarted, "detected", detected, true, f);
      notBefore("detected", detected, "declared", declared, false, f);
      notBefore("detected", detected, "acknowledged", acknowledged, false, f);
      notBefore("detected", detected, "mitigated", mitigated, false, f);
      notBefore("mitigated", mitigated, "resolved", resolved, false, f);
      notBefore("resolved", resolved, "closed", closed, false, f);
      for (Map.Entry<String, Instant> time : Map.of("detected", nullSafe(detected), "resolved", nullSafe(resolved),
          "closed", nullSafe(closed)).entrySet()) {
        if (time.getValue().isAfter(options.now())) {
          f.problem(names.getOrDefault(time.getKey(), time.getKey()), "is in the future (" + time.getValue()
              + "): only past incidents are imported");
        }
      }
      if (!f.problems.isEmpty()) {
        return new ImportLine(line, source, sourceId, raw, null, cause, lessons, List.copyOf(f.problems), report);
      }
      ImportedIncident incident = new ImportedIncident(shorten(title, 200), service, incidentType, impactScope, sev,
          description == null && title.length() > 200 ? shorten(title, 4000) : shorten(description, 4000),
          shorten(commander, 100), source, impactStarted, detected, declared, acknowledged, mitigated, resolved,
          closed);
      return new ImportLine(line, source, sourceId, raw, incident, cause, lessons, List.of(), report);
    }

    private void notBefore(String earlierName, Instant earlier, String laterName, Instant later, boolean earlierIsWrong,
        Fields f) {
      if (earlier != null && later != null && later.isBefore(earlier)) {
        String field = names.getOrDefault(earlierIsWrong ? earlierName : laterName, laterName);
        String other = names.getOrDefault(earlierIsWrong ? laterName : earlierName, earlierName);
        if (field.equals(other)) {
          return;
        }
        f.problem(field, (earlierIsWrong ? "(" + earlier + ") must not be after " + other + " (" + later + ")"
            : "(" + later + ") must not be before " + other + " (" + earlier + ")"));
      }
    }

    private static Instant nullSafe(Instant instant) {
      return instant == null ? Instant.EPOCH : instant;
    }

    private static String shorten(String text, int max) {
      return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
  }

}
