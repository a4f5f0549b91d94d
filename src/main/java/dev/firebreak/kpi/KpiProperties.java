package dev.firebreak.kpi;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** firebreak.kpi.*: the thresholds of the KPIs (docs/kpis.md). */
@ConfigurationProperties("firebreak.kpi")
public class KpiProperties {

  /** SEV1/SEV2 incidents should be mitigated within this time (the share within it is a KPI). */
  private Duration mitigationTarget = Duration.ofMinutes(30);
  /** A figure over fewer incidents than this says "not enough incidents" instead of a value. */
  private int minimumIncidents = 10;
  /** Incident sources that are alerts (the rest were declared by people). */
  private List<String> alertSources = List.of("alertmanager", "grafana");
  /** The longest period one query may cover. */
  private Duration maxPeriod = Duration.ofDays(3660);

  /** Resamples of the bootstrap interval of a version comparison. */
  private int bootstrapResamples = 2000;
  /** The bootstrap's seed: the same data always give the same interval. */
  private long bootstrapSeed = 13;
  /** The confidence of the interval of a version comparison. */
  private double confidence = 0.95;

  /**
   * At start-up, copy from the engine's history what closed incidents lack: their definition versions
   * (incidents closed before they were recorded) and their step times (a node that died right after
   * closing).
   */
  private boolean catchUpOnStart = true;

  /** The Prometheus KPI histograms (docs/kpis.md). */
  private final Metrics metrics = new Metrics();

  public boolean isCatchUpOnStart() {
    return catchUpOnStart;
  }

  public void setCatchUpOnStart(boolean catchUpOnStart) {
    this.catchUpOnStart = catchUpOnStart;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  /** firebreak.kpi.metrics.*: the histograms exported once per cluster. */
  public static class Metrics {

    /** Export the incident duration histograms at all. */
    private boolean enabled = true;
    /** How long the exporting node's lease lasts without a scrape renewing it. */
    private Duration lease = Duration.ofSeconds(60);
    /** The histograms are computed from the database at most this often (scrapes in between get the last). */
    private Duration refresh = Duration.ofSeconds(15);
    /** The buckets' upper bounds (the +Inf bucket is always there). */
    private List<Duration> buckets = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
        Duration.ofHours(8), Duration.ofDays(1), Duration.ofDays(3));

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getRefresh() {
      return refresh;
    }

    public void setRefresh(Duration refresh) {
      this.refresh = refresh;
    }

    public List<Duration> getBuckets() {
      return buckets;
    }

    public void setBuckets(List<Duration> buckets) {
      this.buckets = buckets;
    }
  }

  public int getBootstrapResamples() {
    return bootstrapResamples;
  }

  public void setBootstrapResamples(int bootstrapResamples) {
    this.bootstrapResamples = bootstrapResamples;
  }

  public long getBootstrapSeed() {
    return bootstrapSeed;
  }

  public void setBootstrapSeed(long bootstrapSeed) {
    this.bootstrapSeed = bootstrapSeed;
  }

  public double getConfidence() {
    return confidence;
  }

  public void setConfidence(double confidence) {
    this.confidence = confidence;
  }

  public Duration getMitigationTarget() {
    return mitigationTarget;
  }

  public void setMitigationTarget(Duration mitigationTarget) {
    this.mitigationTarget = mitigationTarget;
  }

  public int getMinimumIncidents() {
    return minimumIncidents;
  }

  public void setMinimumIncidents(int minimumIncidents) {
    this.minimumIncidents = minimumIncidents;
  }

  public List<String> getAlertSources() {
    return alertSources;
  }

  public void setAlertSources(List<String> alertSources) {
    this.alertSources = alertSources;
  }

  public Duration getMaxPeriod() {
    return maxPeriod;
  }

  public void setMaxPeriod(Duration maxPeriod) {
    this.maxPeriod = maxPeriod;
  }
}
