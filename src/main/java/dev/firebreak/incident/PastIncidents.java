package dev.firebreak.incident;

import java.util.List;

/**
 * Past incidents like this one, for the people responding to it (the Triage form, the incident
 * page). A seam: incident owns it, the knowledge base (floor 6) answers it from published reports;
 * without it there are none.
 */
public interface PastIncidents {

  /** At most this many are shown. */
  int SHOWN = 3;

  /**
   * One past incident: its key, title, written cause and what resolved it (either may be null), and
   * the path of its report.
   */
  record PastIncident(String key, String title, String cause, String resolution, String reportPath) {
  }

  /**
   * Up to {@link #SHOWN} published past incidents like this one, the most alike first: same service and
   * type first, then by text likeness; among equals, those with a written cause first. Never the
   * incident itself.
   */
  List<PastIncident> like(IncidentRecord incident);
}
