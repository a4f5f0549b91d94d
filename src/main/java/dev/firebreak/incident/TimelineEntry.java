package dev.firebreak.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Something that happened to an incident, in order: a stage, a decision, an approval, a note.
 * {@code occurredAt} ("at" in the API) is when it happened and orders the timeline; {@code recordedAt}
 * when Firebreak wrote it down (later than "at" for a note that says when it happened).
 */
public record TimelineEntry(long id, @JsonProperty("at") Instant occurredAt, Instant recordedAt, String kind,
    String actor, String summary, JsonNode details) {

  /** Kinds of entries; free text is avoided so the audit views can filter. */
  public static final class Kind {
    public static final String DECLARED = "declared";
    public static final String STAGE = "stage";
    public static final String DECISION = "decision";
    public static final String TASK = "task";
    public static final String NOTE = "note";
    public static final String SEVERITY = "severity";
    public static final String ESCALATION = "escalation";
    public static final String NOTIFICATION = "notification";
    public static final String TRACKING = "tracking";
    public static final String RECOVERY = "recovery";
    public static final String POSTMORTEM = "postmortem";
    public static final String DRILL = "drill";
    public static final String ALERT = "alert";
    public static final String FAILURE = "failure";
    /** A person changed the running process by hand in Camunda (modification, variables, deletion). */
    public static final String OPERATION = "operation";
    /** An incident commander corrected a time the KPIs measure from (impact start, mitigated, resolved). */
    public static final String CORRECTION = "correction";

    private Kind() {
    }
  }
}
