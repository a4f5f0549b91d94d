package dev.firebreak.postmortem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The incident report as published: a snapshot (table report_snapshot) in the handbook's eight
 * sections, in order. Texts people wrote ({@link Section#text()}) are Markdown, kept as written; the
 * renderings (HTML, Markdown) escape any HTML in them. This is what {@link PublishedReports} answers
 * and {@link ReportPublished} carries (docs/report.md).
 *
 * @param revision 1 at the post-mortem's approval, one more at each re-publication
 * @param reason why this revision was published: {@code approved}, {@code action-item}, {@code correction}
 * @param language the language of the headings and labels (firebreak.notify.locale)
 * @param written the authors' texts by section id (what a re-publication keeps; corrections replace one)
 * @param imported a past incident brought in by an import: its report was written outside Firebreak
 * @param importedFrom the import's source (e.g. {@code grafana-oncall}) when imported, else null
 * @param corrections the approved corrections up to this revision, oldest first
 */
public record IncidentReport(String incidentKey, int revision, Instant publishedAt, String reason, String language,
    String title, String service, String incidentType, String severity, String impactScope, boolean drill,
    Instant startedAt, Instant resolvedAt, List<Section> sections, Map<String, String> written, boolean imported,
    String importedFrom, List<Correction> corrections) {

  public IncidentReport {
    corrections = corrections == null ? List.of() : List.copyOf(corrections);
  }

  /** Section ids, in the handbook's order. */
  public static final String OVERVIEW = "overview";
  public static final String DETECTION = "detection";
  public static final String PROPAGATION = "propagation";
  public static final String RESPONSE = "response";
  public static final String CAUSE = "cause";
  public static final String PREVENTION = "prevention";
  public static final String FOLLOW_UP = "followUp";
  public static final String LESSONS = "lessons";
  public static final List<String> SECTIONS = List.of(OVERVIEW, DETECTION, PROPAGATION, RESPONSE, CAUSE, PREVENTION,
      FOLLOW_UP, LESSONS);

  /** Why a revision was published. */
  public static final String APPROVED = "approved";
  public static final String ACTION_ITEM = "action-item";
  public static final String CORRECTION = "correction";
  public static final String IMPORTED = "imported";

  /**
   * What people wrote, by key: the eight sections' ids and {@code impact} (beside the overview) —
   * what a correction may replace and an import may bring.
   */
  public static final List<String> WRITTEN = List.of(OVERVIEW, "impact", DETECTION, PROPAGATION, RESPONSE, CAUSE,
      PREVENTION, FOLLOW_UP, LESSONS);

  /**
   * An approved correction of one written text: which ({@code section}, a key of {@link #WRITTEN}),
   * why, who proposed and who approved it (with the approver's reason), and the revision it published.
   */
  public record Correction(long id, String section, String heading, String reason, String proposedBy,
      Instant proposedAt, String approvedBy, Instant approvedAt, String approvalReason, int revision) {
  }

  /**
   * One of the eight sections: its facts (label: value, a link where there is one), the authors'
   * Markdown, entries in time order (what was said, what was done) and, in prevention, the action items.
   */
  public record Section(String id, int number, String heading, List<Fact> facts, String text, List<Entry> entries,
      List<ActionItemState> actionItems) {
  }

  /** "Started: 2026-03-02 14:00 KST"; {@code url} is a link (an alert's source), else null. */
  public record Fact(String label, String value, String url) {
  }

  /**
   * Something said or done at a time. {@code kind}: {@code internal} (chat, e-mail to people inside),
   * {@code public} (the status page, as published), {@code note} (a responder's note, at the time it
   * states), {@code stage} (the incident reached a stage); {@code channel} says where (#inc-…, e-mail,
   * status page), null for notes and stages.
   */
  public record Entry(Instant at, String kind, String channel, String actor, String text) {
  }

  /** An action item as it stands at this revision; {@code trackerUrl} is null for recorded issues. */
  public record ActionItemState(int index, String title, String owner, String dueDate, String trackerKey,
      String trackerUrl, boolean done) {
  }

  public Optional<Section> section(String id) {
    return sections.stream().filter(section -> section.id().equals(id)).findFirst();
  }

  /** A section's words as plain text (facts, text, entries, action items): what a search indexes. */
  public String plainText(String id) {
    return section(id).map(section -> {
      StringBuilder text = new StringBuilder();
      section.facts().forEach(fact -> text.append(fact.label()).append(": ").append(fact.value()).append('\n'));
      if (section.text() != null) {
        text.append(section.text()).append('\n');
      }
      section.entries().forEach(entry -> text.append(entry.text()).append('\n'));
      text.append(section.actionItems().stream().map(ActionItemState::title).collect(Collectors.joining("\n")));
      return text.toString().trim();
    }).orElse("");
  }
}
