package dev.firebreak.postmortem;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.identity.Groups;
import dev.firebreak.platform.process.EngineAccess;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.platform.web.InvalidInputException;
import dev.firebreak.platform.web.InvalidInputException.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections of a published report (docs/report.md): proposed by someone who worked the incident,
 * reviewed in approve-report-correction.bpmn by an incident manager other than the proposer. An
 * approved correction re-publishes the report (a new revision with the new text, the correction and
 * its reason shown); a rejected one is kept with the reviewer's reason. Both go on the timeline.
 */
@Service
public class ReportCorrections {

  static final int MAX_TEXT = 20000;
  static final int MAX_REASON = 1000;
  static final int MAX_DECISION_REASON = 4000;

  /** A correction as the API answers it. */
  public record Correction(long id, String incidentKey, String section, String text, String previousText,
      String reason, String status, String proposedBy, Instant proposedAt, Integer basedOnRevision, String decidedBy,
      Instant decidedAt, String decisionReason, Integer revision) {
  }

  /** The incident has no published report to correct (409). */
  public static final class NoReport extends RuntimeException {
    NoReport(String key) {
      super("Incident " + key + " has no published report yet: a correction is proposed to a published report.");
    }
  }

  private final CorrectionRecords records;
  private final ReportSnapshots reports;
  private final Incidents incidents;
  private final PostmortemRecords postmortems;
  private final EngineClock clock;
  private final RuntimeService runtime;
  private final IdentityService identity;

  ReportCorrections(CorrectionRecords records, ReportSnapshots reports, Incidents incidents,
      PostmortemRecords postmortems, EngineClock clock, @Lazy RuntimeService runtime, @Lazy IdentityService identity) {
    this.records = records;
    this.reports = reports;
    this.incidents = incidents;
    this.postmortems = postmortems;
    this.clock = clock;
    this.runtime = runtime;
    this.identity = identity;
  }

  /**
   * Who may propose a correction: who worked the incident — responders, incident managers and
   * administrators (docs/SECURITY.md), the incident's commander and its post-mortem's owner.
   */
  public boolean mayPropose(String key, org.springframework.security.core.Authentication user) {
    if (user == null) {
      return false;
    }
    if (Groups.steersResponse(user)) {
      return true;
    }
    IncidentRecord incident = incidents.require(key);
    return user.getName().equals(incident.commander())
        || postmortems.find(key).map(p -> user.getName().equals(p.owner())).orElse(false);
  }

  /**
   * Stores the proposal and starts its review; bad input is refused (400 naming each field), a
   * report not published yet is {@link NoReport}, and nothing is stored either way.
   */
  @Transactional
  public Correction propose(String key, String section, String text, String reason, String by) {
    IncidentRecord incident = incidents.require(key);
    List<FieldProblem> problems = new ArrayList<>();
    String chosen = section == null ? null : section.trim();
    if (chosen == null || chosen.isEmpty()) {
      problems.add(new FieldProblem("section", "is required: one of " + IncidentReport.WRITTEN));
    } else if (!IncidentReport.WRITTEN.contains(chosen)) {
      problems.add(new FieldProblem("section", "must be one of " + IncidentReport.WRITTEN + " (was '" + chosen + "')"));
    }
    String newText = text == null ? null : text.strip();
    if (newText == null || newText.isEmpty()) {
      problems.add(new FieldProblem("text", "is required: the section's corrected text"));
    } else if (newText.length() > MAX_TEXT) {
      problems.add(new FieldProblem("text", "must be at most " + MAX_TEXT + " characters (is " + newText.length() + ")"));
    }
    String why = reason == null ? null : reason.strip();
    if (why == null || why.isEmpty()) {
      problems.add(new FieldProblem("reason", "is required: why the report is wrong"));
    } else if (why.length() > MAX_REASON) {
      problems.add(new FieldProblem("reason", "must be at most " + MAX_REASON + " characters (is " + why.length() + ")"));
    }
    IncidentReport report = reports.latest(key).orElseThrow(() -> new NoReport(key));
    String current = chosen == null ? null : report.written().get(chosen);
    if (problems.isEmpty() && Objects.equals(current == null ? null : current.strip(), newText)) {
      problems.add(new FieldProblem("text", "is what the report says already (revision " + report.revision() + ")"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Instant now = clock.now();
    long id = records.insert(key, chosen, newText, current, why, by, now, report.revision());
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(IncidentProcess.INCIDENT_KEY.name(), key);
    variables.put(ReportCorrectionProcess.CORRECTION_ID.name(), String.valueOf(id));
    variables.put(ReportCorrectionProcess.SECTION.name(), heading(report, chosen));
    variables.put(ReportCorrectionProcess.CURRENT_TEXT.name(), current == null ? "—" : current);
    variables.put(ReportCorrectionProcess.TEXT.name(), newText);
    variables.put(ReportCorrectionProcess.REASON.name(), why);
    variables.put(ReportCorrectionProcess.PROPOSED_BY.name(), by);
    // the API's role check is the right to propose: the review starts as the system (responders hold
    // no CREATE_INSTANCE on it), the proposer a variable of the system's
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      String instance = EngineAccess.asSystem(() -> runtime.createProcessInstanceByKey(ReportCorrectionProcess.ID)
          .businessKey(key).setVariables(variables).execute().getId());
      records.processInstance(id, instance);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
    incidents.note(key, by, TimelineEntry.Kind.POSTMORTEM,
        incidents.words().get("report.correction.proposed", heading(report, chosen), why),
        Map.of("correction", id, "section", chosen));
    return require(id);
  }

  /**
   * The reviewer approved: the report is re-published with the new text (once; a correction decided
   * already changes nothing). Returns the new revision, empty when nothing was published.
   */
  @Transactional
  public Optional<Integer> approve(long id, String by, String reason) {
    CorrectionRecords.Row row = records.find(id).orElseThrow(() -> new IllegalStateException("No correction " + id));
    if (!records.decide(id, CorrectionRecords.APPROVED, by, clock.now(), reason)) {
      return Optional.empty();
    }
    Optional<IncidentReport> published = reports.republish(row.incidentKey(), IncidentReport.CORRECTION,
        Map.of(row.section(), row.text()));
    published.ifPresent(report -> {
      records.published(id, report.revision());
      incidents.note(row.incidentKey(), by, TimelineEntry.Kind.POSTMORTEM,
          incidents.words().get("report.correction.approved", heading(report, row.section()), report.revision(),
              reason == null ? "" : reason),
          Map.of("correction", id, "section", row.section(), "revision", report.revision()));
    });
    return published.map(IncidentReport::revision);
  }

  /** The reviewer rejected: recorded with the reason; the report stays as it is. */
  @Transactional
  public boolean reject(long id, String by, String reason) {
    CorrectionRecords.Row row = records.find(id).orElseThrow(() -> new IllegalStateException("No correction " + id));
    if (!records.decide(id, CorrectionRecords.REJECTED, by, clock.now(), reason)) {
      return false;
    }
    String heading = reports.latest(row.incidentKey()).map(r -> heading(r, row.section())).orElse(row.section());
    incidents.note(row.incidentKey(), by, TimelineEntry.Kind.POSTMORTEM,
        incidents.words().get("report.correction.rejected", heading, reason == null ? "" : reason),
        Map.of("correction", id, "section", row.section()));
    return true;
  }

  public Correction require(long id) {
    return records.find(id).map(ReportCorrections::of).orElseThrow(() -> new IllegalStateException("No correction " + id));
  }

  /** Every correction of the incident's report (proposed, approved, rejected), oldest first. */
  public List<Correction> of(String key) {
    incidents.require(key);
    return records.all(key).stream().map(ReportCorrections::of).toList();
  }

  private static Correction of(CorrectionRecords.Row r) {
    return new Correction(r.id(), r.incidentKey(), r.section(), r.text(), r.previousText(), r.reason(), r.status(),
        r.proposedBy(), r.proposedAt(), r.basedOnRevision(), r.decidedBy(), r.decidedAt(), r.decisionReason(),
        r.revision());
  }

  /** "5. Root cause"; the impact is the overview's ("1. Overview — Impact"). */
  static String heading(IncidentReport report, String section) {
    String id = "impact".equals(section) ? IncidentReport.OVERVIEW : section;
    String heading = report.section(id).map(IncidentReport.Section::heading).orElse(section);
    if (!"impact".equals(section)) {
      return heading;
    }
    return heading + " — " + report.section(IncidentReport.OVERVIEW).flatMap(s -> s.facts().stream()
        .skip(3).findFirst()).map(IncidentReport.Fact::label).orElse("Impact");
  }
}
