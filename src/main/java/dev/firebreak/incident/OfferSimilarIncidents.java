package dev.firebreak.incident;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.i18n.Texts;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Triage incident is created: up to three similar past incidents ({@link PastIncidents}) become the
 * form's read-only "Similar past incidents" ({@link IncidentProcess#SIMILAR_INCIDENTS}), in
 * firebreak.notify.locale; unset when there are none.
 */
@Component("offerSimilarIncidents")
class OfferSimilarIncidents implements TaskListener {

  private final Incidents incidents;
  private final ObjectProvider<PastIncidents> past;
  private final Texts texts;
  private final FirebreakProperties properties;
  /** The knowledge base once found: resolving the provider again costs a bean lookup per Triage. */
  private volatile PastIncidents found;

  OfferSimilarIncidents(Incidents incidents, ObjectProvider<PastIncidents> past, Texts texts,
      FirebreakProperties properties) {
    this.incidents = incidents;
    this.past = past;
    this.texts = texts;
    this.properties = properties;
  }

  @Override
  public void notify(DelegateTask task) {
    PastIncidents source = found;
    if (source == null) {
      source = found = past.getIfAvailable();
    }
    if (source == null) {
      return;
    }
    String key = IncidentProcess.INCIDENT_KEY.require(task.getExecution());
    List<PastIncidents.PastIncident> similar = source.like(incidents.require(key));
    if (!similar.isEmpty()) {
      IncidentProcess.SIMILAR_INCIDENTS.set(task.getExecution(), text(similar));
    }
  }

  /** "INC-2026-0007 — DB 연결 풀 해제 버그\n  Cause: …\n  Resolved by: …\n  https://…/report", one block each. */
  String text(List<PastIncidents.PastIncident> similar) {
    StringBuilder text = new StringBuilder();
    for (PastIncidents.PastIncident incident : similar) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(incident.key()).append(" — ").append(incident.title()).append('\n')
          .append("  ").append(texts.get("similar.cause")).append(": ").append(orDash(incident.cause())).append('\n')
          .append("  ").append(texts.get("similar.resolution")).append(": ").append(orDash(incident.resolution())).append('\n')
          .append("  ").append(properties.getBaseUrl()).append(incident.reportPath());
    }
    return text.toString();
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value.strip().replaceAll("\\s+", " ");
  }
}
