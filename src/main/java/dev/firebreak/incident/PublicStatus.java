package dev.firebreak.incident;

import java.util.Optional;

/**
 * What the public status page says about an incident right now, for the situation board: the
 * phase of its latest published update (investigating, identified, monitoring, resolved), empty
 * while nothing is public. Implemented by the status page feature (a higher floor).
 */
public interface PublicStatus {

  Optional<String> latestPhase(String incidentKey);
}
