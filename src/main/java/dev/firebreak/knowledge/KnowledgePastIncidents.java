package dev.firebreak.knowledge;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.PastIncidents;
import java.util.List;
import org.springframework.stereotype.Component;

/** Answers incident's {@link PastIncidents} from the knowledge base (the Triage form, the incident page). */
@Component
class KnowledgePastIncidents implements PastIncidents {

  private final KnowledgeBase knowledge;

  KnowledgePastIncidents(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  @Override
  public List<PastIncident> like(IncidentRecord incident) {
    String text = incident.title() + (incident.description() == null ? "" : " " + incident.description());
    return knowledge.similar(incident.key(), incident.service(),
            incident.incidentType() == null ? null : incident.incidentType().code(), text, SHOWN)
        .stream().map(e -> new PastIncident(e.key(), e.title(), e.cause(), e.resolution(),
            KnowledgeBase.reportPath(e.key())))
        .toList();
  }
}
