package dev.firebreak.knowledge;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.postmortem.IncidentReportPublished;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A report was published (postmortem's {@link IncidentReportPublished}, inside the publishing
 * transaction: approved, re-published for an action item or an approved correction, or imported):
 * its incident enters the knowledge base, or its entry is replaced. Drills stay out:
 * they are exercises, not a past to learn from.
 */
@Component
class KnowledgeIndexer {

  private final KnowledgeBase knowledge;
  private final Incidents incidents;

  KnowledgeIndexer(KnowledgeBase knowledge, Incidents incidents) {
    this.knowledge = knowledge;
    this.incidents = incidents;
  }

  @EventListener
  void published(IncidentReportPublished report) {
    IncidentRecord incident = incidents.require(report.incidentKey());
    if (incident.drill()) {
      return;
    }
    // a re-publication (an action item, a correction) does not say what resolved the incident: it stays
    String resolution = report.resolution() != null ? report.resolution()
        : knowledge.entry(incident.key()).map(KnowledgeEntry::resolution).orElse(null);
    knowledge.index(new KnowledgeEntry(incident.key(), incident.title(), incident.service(),
        incident.incidentType() == null ? null : incident.incidentType().code(),
        incident.severity() == null ? null : incident.severity().code(), report.summary(), report.cause(),
        resolution, join(report.lessons(), report.prevention()), report.report(),
        incident.impactStartedAt(), report.publishedAt(), report.publishedAt()));
  }

  /** The lessons and the prevention measures: both are what the next team should learn. */
  private static String join(String lessons, String prevention) {
    if (prevention == null || prevention.isBlank()) {
      return lessons;
    }
    return lessons == null || lessons.isBlank() ? prevention : lessons.strip() + "\n\n" + prevention.strip();
  }
}
