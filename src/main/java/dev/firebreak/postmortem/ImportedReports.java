package dev.firebreak.postmortem;

import java.util.Map;

/**
 * For the imports (floor 7): a past incident's full report, as written in the tool it comes from,
 * published as a snapshot marked imported (reason {@code imported}), which enters the knowledge base
 * like any published report ({@link IncidentReportPublished}).
 */
public interface ImportedReports {

  /**
   * Publishes the report of an imported incident, in the caller's transaction: revision 1, or the
   * next one when the import brings a changed record. {@code written}: texts by the keys of
   * {@link IncidentReport#WRITTEN}, and optionally {@code resolution} (what restored the service).
   */
  IncidentReport publishImported(String incidentKey, Map<String, String> written);
}
