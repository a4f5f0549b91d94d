package dev.firebreak.imports;

import dev.firebreak.incident.ImportedIncident;
import dev.firebreak.platform.web.InvalidInputException.FieldProblem;
import java.util.List;

/**
 * One record of an import as read: its line (CSV: the physical line it starts on, the header being
 * line 1; Firebreak JSON: its position in {@code incidents}, from 1), the source's id, the record's
 * text, and either the incident it describes or the problems that refuse it (each naming its field
 * as the source spells it). {@code report}: the full report it brings (Firebreak JSON), by the keys of
 * {@code IncidentReport.WRITTEN} and {@code resolution}; null when it brings none.
 */
record ImportLine(int line, String source, String sourceId, String raw, ImportedIncident incident, String cause,
    String lessons, List<FieldProblem> problems, java.util.Map<String, String> report) {

  ImportLine(int line, String source, String sourceId, String raw, ImportedIncident incident, String cause,
      String lessons, List<FieldProblem> problems) {
    this(line, source, sourceId, raw, incident, cause, lessons, problems, null);
  }

  boolean refused() {
    return !problems.isEmpty();
  }
}
