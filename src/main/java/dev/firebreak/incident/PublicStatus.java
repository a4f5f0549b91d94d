package dev.firebreak.incident;

import java.util.Optional;

/**
 * What the public status page says about an incident right now, for the situation board: the
 * phase of its latest published update (investigating, identified, monitoring, resolved), empty
 * while nothing is public. Implemented by the status page feature (a higher floor).
 */
public interface PublicStatus {

  Optional<String> latestPhase(String incidentKey);

  /**
   * Every update published for the incident, oldest first, exactly as the public read it (the incident
   * report's propagation section, issue 14); empty while nothing is public.
   */
  default java.util.List<PublishedUpdate> published(String incidentKey) {
    return java.util.List.of();
  }

  /** An update as published: when, its phase, the public title it was published under (or null), its text. */
  record PublishedUpdate(java.time.Instant publishedAt, String phase, String title, String message) {
  }
}
