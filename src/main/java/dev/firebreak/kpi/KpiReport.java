package dev.firebreak.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link KpiQuery}: typed figures per group, each with its n, and the definitions
 * of every figure in the asked language (docs/kpis.md).
 */
public record KpiReport(Instant from, Instant to, Map<String, Object> filters, List<String> groupBy,
    int minimumIncidents, String mitigationTarget, String language, Map<String, String> definitions,
    List<Group> groups, Recovery recovery) {

  /** The durations, in the order they are reported. */
  public enum Measure {
    TIME_TO_DETECT("timeToDetect"),
    TIME_TO_ACKNOWLEDGE("timeToAcknowledge"),
    TIME_TO_MITIGATE("timeToMitigate"),
    TIME_TO_RESOLVE("timeToResolve"),
    TIME_TO_CLOSE("timeToClose");

    private final String code;

    Measure(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * One group: its keys (dimension code → value; a time bucket as 2026-01, 2026-W05 or 2026-Q1), n
   * counted incidents, of them imported.
   */
  public record Group(Map<String, String> keys, long n, long imported, Map<String, Stats> durations, Figure mtbf,
      Figure meanTimeBetweenIncidents, Share sev1Sev2MitigatedWithinTarget, Share detectedByAlerts) {
  }

  /**
   * A duration's statistics in seconds over n incidents; the values are null, and {@code note} says
   * why, when n is below the minimum. The texts are the values as people read them.
   */
  public record Stats(long n, Double mean, Double median, Double p90, String meanText, String medianText,
      String p90Text, String note) {
  }

  /** A single value (seconds) over n incidents; null with a note when it cannot be given. */
  public record Figure(long n, Double value, String text, String note) {
  }

  /** A share (0..1) of n incidents: {@code count} of them. */
  public record Share(long n, long count, Double value, String note) {
  }

  /**
   * DORA recovery over the counted incidents: recoveries (incidents that went through Recover service),
   * of them recovered by a deployment; the deployments the recovery process requested, rollbacks,
   * hotfixes and canary aborts, {@code recorded} of them from the deployment table (the others from the
   * steps of incidents without deployment records); the failed-deployment recovery time.
   */
  public record Recovery(long recoveries, Share recoveredByDeployment, long deployments, long recorded, Share rollbacks,
      Share hotfixes, Share canaryAborts, Stats failedDeploymentRecoveryTime) {
  }
}
