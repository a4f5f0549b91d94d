package dev.firebreak.incident;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * firebreak.tasks.*: what an incident's severity means for its tasks in Tasklist — the priority
 * per severity, and the response targets (how long after its creation a task is due) per task and
 * severity. Documented in README.md.
 */
@ConfigurationProperties("firebreak.tasks")
public class TaskTargets {

  /** Task priority per severity (Tasklist sorts by it; higher first). */
  private Map<String, Integer> priority = new LinkedHashMap<>(Map.of(
      "SEV1", 100, "SEV2", 75, "SEV3", 50, "SEV4", 25));

  /** Response targets: task definition key → severity → time from creation to due. */
  private Map<String, Map<String, Duration>> due = new LinkedHashMap<>(Map.of(
      "TriageIncident", targets(5, 15, 30, 60),
      "ApproveEscalation", targets(10, 15, 30, 60),
      "ApproveRollback", targets(10, 15, 30, 60)));

  private static Map<String, Duration> targets(int sev1, int sev2, int sev3, int sev4) {
    Map<String, Duration> targets = new LinkedHashMap<>();
    targets.put("SEV1", Duration.ofMinutes(sev1));
    targets.put("SEV2", Duration.ofMinutes(sev2));
    targets.put("SEV3", Duration.ofMinutes(sev3));
    targets.put("SEV4", Duration.ofMinutes(sev4));
    return targets;
  }

  public Map<String, Integer> getPriority() {
    return priority;
  }

  public void setPriority(Map<String, Integer> priority) {
    this.priority = priority;
  }

  public Map<String, Map<String, Duration>> getDue() {
    return due;
  }

  public void setDue(Map<String, Map<String, Duration>> due) {
    this.due = due;
  }

  Optional<Integer> priorityOf(Severity severity) {
    return severity == null ? Optional.empty() : Optional.ofNullable(priority.get(severity.code()));
  }

  Optional<Duration> dueAfter(String taskDefinitionKey, Severity severity) {
    Map<String, Duration> targets = due.get(taskDefinitionKey);
    return targets == null || severity == null ? Optional.empty() : Optional.ofNullable(targets.get(severity.code()));
  }
}
