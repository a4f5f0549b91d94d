package dev.firebreak.kpi;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.stereotype.Component;

/** firebreak_incidents_open{severity}: open incidents (drills excluded), read from the records on scrape. */
@Component
class IncidentMetrics implements MeterBinder {

  private final Incidents incidents;

  IncidentMetrics(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Severity severity : Severity.values()) {
      Gauge.builder("firebreak.incidents.open", () -> open().getOrDefault(severity.name(), 0L))
          .tag("severity", severity.name())
          .description("Open incidents (triage, investigating, monitoring) by severity")
          .register(registry);
    }
  }

  private Map<String, Long> open() {
    try {
      return incidents.openBySeverity();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }
}
