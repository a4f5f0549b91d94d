package dev.firebreak.recovery;

import static dev.firebreak.recovery.RecoveryProcess.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.process.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Service;

/**
 * The evidence of *Restore database and check consistency*: the restore point, what was restored and
 * each check of the form's checklist with its result, on the timeline; a failed check makes the data
 * inconsistent whatever else was answered, so the process restores again before *Verify recovery*.
 */
@Service
public class ConsistencyChecks {

  private final Incidents incidents;
  private final ObjectMapper json;

  ConsistencyChecks(Incidents incidents, ObjectMapper json) {
    this.incidents = incidents;
    this.json = json;
  }

  public void record(DelegateExecution execution) {
    List<Map<String, Object>> checks = checks(execution.getVariable(CONSISTENCY_CHECKS));
    long failed = checks.stream().filter(check -> !"passed".equals(String.valueOf(check.get("result")))).count();
    if (failed > 0) {
      DATA_CONSISTENT.set(execution, Answer.NO);
    }
    Answer consistent = DATA_CONSISTENT.require(execution);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("restoredFrom", RESTORED_FROM.get(execution));
    details.put("restoredScope", RESTORED_SCOPE.get(execution));
    details.put("checks", checks);
    details.put("dataConsistent", consistent.code());
    incidents.note(IncidentProcess.INCIDENT_KEY.require(execution), null, TimelineEntry.Kind.RECOVERY,
        incidents.words().get(consistent == Answer.YES ? "recovery.restore.consistent" : "recovery.restore.inconsistent",
            RESTORED_FROM.get(execution), checks.size(), failed), details);
  }

  private List<Map<String, Object>> checks(Object raw) {
    List<Map<String, Object>> rows;
    try {
      if (raw instanceof SpinJsonNode node) {
        rows = json.readValue(node.toString(), new TypeReference<>() { });
      } else if (raw instanceof String text && !text.isBlank()) {
        rows = json.readValue(text, new TypeReference<>() { });
      } else if (raw instanceof List<?> list) {
        rows = json.convertValue(list, new TypeReference<>() { });
      } else {
        rows = List.of();
      }
    } catch (Exception e) {
      throw new IllegalArgumentException("consistencyChecks is not a list of {check, result, evidence}: " + e.getMessage());
    }
    List<Map<String, Object>> cleaned = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (row != null && row.get("check") != null && !row.get("check").toString().isBlank()) {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("check", row.get("check").toString().trim());
        copy.put("result", row.get("result") == null ? "failed" : row.get("result").toString());
        copy.put("evidence", row.get("evidence") == null ? null : row.get("evidence").toString());
        cleaned.add(copy);
      }
    }
    return cleaned;
  }
}
