package dev.firebreak.kpi;

import dev.firebreak.kpi.KpiReport.Measure;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code firebreak_incident_time_to_{detect,acknowledge,mitigate,resolve,close}_seconds}: Prometheus
 * histograms per severity and service of the durations of docs/kpis.md, computed from the incident
 * records (not observed in memory), so the figures are the cluster's and survive restarts. Exported
 * by one node only, the holder of {@link ExporterLease}; every node says whether it is the one
 * ({@code firebreak_kpi_exporter}). Counted: no drills, no dismissed false positives, no imported
 * past incidents (they would arrive as a burst); an incident is in a histogram once both of its
 * times are set.
 */
@Component
class IncidentDurationHistograms implements MultiCollector, SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(IncidentDurationHistograms.class);
  static final String EXPORTER = "firebreak_kpi_exporter";

  private final JdbcClient jdbc;
  private final KpiProperties properties;
  private final ExporterLease lease;
  private final ObjectProvider<PrometheusRegistry> registry;
  private volatile Instant computedAt = Instant.EPOCH;
  private volatile List<HistogramSnapshot> last = List.of();

  IncidentDurationHistograms(JdbcClient jdbc, KpiProperties properties, ExporterLease lease,
      ObjectProvider<PrometheusRegistry> registry) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.lease = lease;
    this.registry = registry;
  }

  @Override
  public void afterSingletonsInstantiated() {
    PrometheusRegistry prometheus = registry.getIfAvailable();
    if (prometheus != null && properties.getMetrics().isEnabled()) {
      prometheus.register(this);
    }
  }

  static String name(Measure measure) {
    return "firebreak_incident_" + measure.code().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT)
        + "_seconds";
  }

  @Override
  public MetricSnapshots collect() {
    boolean exporter = lease.acquire();
    MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
    snapshots.metricSnapshot(GaugeSnapshot.builder().name(EXPORTER)
        .help("1 on the one node of the cluster that exports the incident KPI histograms (database lease), 0 elsewhere")
        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(exporter ? 1 : 0).build()).build());
    if (exporter) {
      try {
        histograms().forEach(snapshots::metricSnapshot);
      } catch (RuntimeException e) {
        // a scrape never fails for the database: the histograms are left out of this one
        log.debug("The incident KPI histograms could not be computed", e);
      }
    }
    return snapshots.build();
  }

  @Override
  public List<String> getPrometheusNames() {
    List<String> names = new ArrayList<>();
    names.add(EXPORTER);
    for (Measure measure : Measure.values()) {
      names.add(name(measure));
    }
    return names;
  }

  private List<HistogramSnapshot> histograms() {
    Instant now = Instant.now();
    if (Duration.between(computedAt, now).compareTo(properties.getMetrics().getRefresh()) < 0) {
      return last;
    }
    last = compute();
    computedAt = now;
    return last;
  }

  /** One query: per severity and service, for each measure its count, sum and count at most each bound. */
  List<HistogramSnapshot> compute() {
    double[] bounds = properties.getMetrics().getBuckets().stream().mapToDouble(d -> d.toMillis() / 1000.0).sorted()
        .toArray();
    Measure[] measures = Measure.values();
    StringBuilder inner = new StringBuilder("SELECT COALESCE(i.severity, 'unassessed') AS severity, i.service AS service");
    for (int m = 0; m < measures.length; m++) {
      String seconds = KpiFigures.measureSeconds(measures[m]);
      inner.append(", CASE WHEN ").append(seconds).append(" < 0 THEN 0 ELSE ").append(seconds).append(" END AS m")
          .append(m);
    }
    inner.append(" FROM incident i WHERE i.drill = FALSE AND i.status <> 'dismissed' AND i.imported = FALSE");
    StringBuilder sql = new StringBuilder("SELECT f.severity, f.service");
    for (int m = 0; m < measures.length; m++) {
      sql.append(", COUNT(f.m").append(m).append(") AS n").append(m).append(", SUM(f.m").append(m).append(") AS s")
          .append(m);
      for (int b = 0; b < bounds.length; b++) {
        sql.append(", SUM(CASE WHEN f.m").append(m).append(" <= ").append(bounds[b]).append(" THEN 1 ELSE 0 END) AS b")
            .append(m).append('_').append(b);
      }
    }
    sql.append(" FROM (").append(inner).append(") f GROUP BY f.severity, f.service ORDER BY f.severity, f.service");
    Map<Measure, HistogramSnapshot.Builder> builders = new LinkedHashMap<>();
    for (Measure measure : measures) {
      builders.put(measure, HistogramSnapshot.builder().name(name(measure)).unit(Unit.SECONDS)
          .help("Incidents by their " + measure.code() + " (docs/kpis.md), from the records; exported by one node"));
    }
    double[] upper = new double[bounds.length + 1];
    System.arraycopy(bounds, 0, upper, 0, bounds.length);
    upper[bounds.length] = Double.POSITIVE_INFINITY;
    jdbc.sql(sql.toString()).query((ResultSet rs, int row) -> {
      Labels labels = Labels.of("service", rs.getString("service"), "severity", rs.getString("severity"));
      for (int m = 0; m < measures.length; m++) {
        long n = rs.getLong("n" + m);
        if (n == 0) {
          continue;
        }
        long[] counts = new long[upper.length];
        long below = 0;
        for (int b = 0; b < bounds.length; b++) {
          long cumulative = rs.getLong("b" + m + "_" + b);
          counts[b] = cumulative - below;
          below = cumulative;
        }
        counts[bounds.length] = n - below;
        builders.get(measures[m]).dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, counts)).sum(sum(rs, "s" + m)).labels(labels)
            .build());
      }
      return null;
    }).list();
    return builders.values().stream().map(HistogramSnapshot.Builder::build).toList();
  }

  private static double sum(ResultSet rs, String column) throws SQLException {
    Double value = KpiFigures.number(rs, column);
    return value == null ? 0 : value;
  }
}
