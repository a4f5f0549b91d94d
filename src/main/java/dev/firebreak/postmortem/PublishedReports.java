package dev.firebreak.postmortem;

import java.util.List;
import java.util.Optional;

/**
 * The published incident reports, for readers outside the post-mortem (the knowledge base): the
 * latest revision of each, structured by section. Each publication (the first and every
 * re-publication) is also announced as a {@link ReportPublished} event, in the publishing transaction.
 */
public interface PublishedReports {

  /** The latest published revision of the incident's report, if it has one. */
  Optional<IncidentReport> latest(String incidentKey);

  /** The latest revision of every published report, oldest publication first (for (re)indexing). */
  List<IncidentReport> allLatest();
}
