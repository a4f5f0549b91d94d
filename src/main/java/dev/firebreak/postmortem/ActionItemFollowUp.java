package dev.firebreak.postmortem;

import dev.firebreak.tracking.TrackedIssueDone;
import dev.firebreak.platform.time.EngineClock;

import static dev.firebreak.postmortem.ActionItemFollowUpProcess.ACTION_ITEM_KEY;
import static dev.firebreak.postmortem.ActionItemFollowUpProcess.MESSAGE_ACTION_ITEM_DONE;

import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.config.FirebreakProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.firebreak.platform.process.SystemCorrelation;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.annotation.Lazy;
import dev.firebreak.platform.process.ModelBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The follow-up of action items: what action-item-follow-up.bpmn asks (which items are open, is
 * one done, when is it due), and the entry point for "an action item's issue is done".
 */
@ModelBean
@Component("actionItemFollowUp")
public class ActionItemFollowUp implements TrackedIssueDone {

  /** When an action item has no (readable) due date, its owner is reminded this long after the post-mortem. */
  static final Duration DEFAULT_REMINDER = Duration.ofDays(14);

  private final Postmortems postmortems;
  private final Incidents incidents;
  private final FirebreakProperties properties;
  private final RuntimeService runtime;
  private final EngineClock clock;
  private final ReportSnapshots reports;
  private final IdentityService identity;

  ActionItemFollowUp(Postmortems postmortems, Incidents incidents, FirebreakProperties properties,
      @Lazy RuntimeService runtime, EngineClock clock, ReportSnapshots reports, @Lazy IdentityService identity) {
    this.identity = identity;
    this.reports = reports;
    this.clock = clock;
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.properties = properties;
    this.runtime = runtime;
  }

  /** The tracker keys of the incident's action items that are not done yet: the multi-instance collection. */
  public List<String> openItems(DelegateExecution execution) {
    return openItems(IncidentProcess.INCIDENT_KEY.require(execution));
  }

  List<String> openItems(String incidentKey) {
    return postmortems.actionItems(incidentKey).stream()
        .filter(item -> item.trackerKey() != null && !Postmortems.DONE.equals(item.status()))
        .map(Postmortems.ActionItem::trackerKey).toList();
  }

  /** True when the item of this execution is done already (its issue was done before the process waited). */
  public boolean isDone(DelegateExecution execution) {
    return postmortems.actionItemTrackedBy(ACTION_ITEM_KEY.require(execution))
        .map(item -> Postmortems.DONE.equals(item.status())).orElse(true);
  }

  /** When to remind the owner: the end of the due date in the configured zone, else two weeks from now. */
  public Date dueAt(DelegateExecution execution) {
    String due = postmortems.actionItemTrackedBy(ACTION_ITEM_KEY.require(execution))
        .map(Postmortems.ActionItem::dueDate).orElse(null);
    if (due != null && !due.isBlank()) {
      try {
        LocalDate day = LocalDate.parse(due.trim().length() > 10 ? due.trim().substring(0, 10) : due.trim());
        return Date.from(day.plusDays(1).atStartOfDay(properties.getZone()).toInstant());
      } catch (DateTimeParseException e) {
        // fall through: a free-text due date still gets a reminder
      }
    }
    return Date.from(clock.now().plus(DEFAULT_REMINDER));
  }

  /**
   * The issue of an action item reached the "done" category: the item is marked done, the incident's
   * timeline says so, and the follow-up instance waiting for this item (business key = incident key,
   * local actionItemKey = the issue) receives ActionItemDone. Returns the incident; empty when the
   * issue is no action item or was done already.
   */
  @Override
  @Transactional
  public Optional<String> issueDone(String trackerKey) {
    return done(trackerKey, null);
  }

  /**
   * A person marked the action item done in Firebreak (no tracker is configured): as
   * {@link #issueDone}, the timeline naming them. Empty when it was done already.
   */
  @Transactional
  public Optional<String> markedDone(String trackerKey, String by) {
    return done(trackerKey, by);
  }

  private Optional<String> done(String trackerKey, String by) {
    Optional<Postmortems.ActionItem> item = postmortems.markActionItemDone(trackerKey, by, by == null ? null : clock.now());
    item.ifPresent(done -> {
      incidents.note(done.incidentKey(), by, TimelineEntry.Kind.TRACKING, incidents.words().get("actionItem.done", trackerKey),
          Map.of("issue", trackerKey, "title", done.title()));
      // the report shows the item ticked from its next revision on
      reports.republish(done.incidentKey(), IncidentReport.ACTION_ITEM, Map.of());
      // after Firebreak's own role check (or the tracker's webhook secret): the system tells the follow-up
      SystemCorrelation.run(identity, () -> runtime.createMessageCorrelation(MESSAGE_ACTION_ITEM_DONE)
          .processInstanceBusinessKey(done.incidentKey())
          .localVariableEquals(ACTION_ITEM_KEY.name(), trackerKey)
          .correlateAllWithResult());
    });
    return item.map(Postmortems.ActionItem::incidentKey);
  }
}
