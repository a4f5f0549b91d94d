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
