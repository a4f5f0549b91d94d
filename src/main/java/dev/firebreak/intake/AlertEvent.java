package dev.firebreak.intake;

import java.time.Instant;
import java.util.Map;

/**
 * One alert as received, in either format. {@code extras} keeps what the sender adds beyond
 * labels and annotations (Grafana's values and dashboard, panel and silence links; the
 * generator URL) so it reaches the timeline.
 */
public record AlertEvent(
    String source,
    String fingerprint,
    Status status,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    Map<String, Object> extras) {

  /** Firing or resolved, as both formats say it. */
  public enum Status {
    FIRING, RESOLVED;

    public String code() {
      return name().toLowerCase();
    }
  }

  public String label(String name) {
    return labels.get(name);
  }

  public String annotation(String name) {
    return annotations.get(name);
  }
}
