package dev.firebreak.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.firebreak.kpi.KpiQuery.Dimension;
import dev.firebreak.kpi.KpiRows.Row;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The aggregate over kept rows computes what the SQL aggregate computed (PERCENTILE_CONT, LAG, ORDER BY). */
class KpiAggregateTest {

  static final KpiAggregate.Settings SETTINGS = new KpiAggregate.Settings(100_000, 1800, Set.of("alertmanager"));
  static final double NONE = Double.NaN;

  @Test
  void percentilesInterpolateBetweenTheNearestRanksAsPercentileCont() {
    KpiAggregate.Values values = new KpiAggregate.Values();
    for (double v : new double[] {40, 10, 30, 20}) {
      values.add(v);
    }
    assertThat(values.percentile(0.5)).isEqualTo(25.0);
    // rank 0.9 × 3 = 2.7: 30 + 0.7 × (40 − 30)
    assertThat(values.percentile(0.9)).isCloseTo(37.0, within(1e-9));
    assertThat(values.mean()).isEqualTo(25.0);
    assertThat(new KpiAggregate.Values().percentile(0.5)).isNull();
    assertThat(new KpiAggregate.Values().mean()).isNull();
  }

  @Test
  void theSelectedPercentilesAreThoseOfTheSortedValuesForManyValuesAndTies() {
    java.util.Random random = new java.util.Random(42);
    for (int size : new int[] {1, 2, 17, 100, 371, 1000}) {
      KpiAggregate.Values values = new KpiAggregate.Values();
      double[] all = new double[size];
      for (int i = 0; i < size; i++) {
        all[i] = random.nextInt(size / 3 + 1) * 60.0;
        values.add(all[i]);
      }
      java.util.Arrays.sort(all);
      assertThat(values.percentile(0.5)).as("median of %d", size).isEqualTo(sortedPercentile(all, 0.5));
      assertThat(values.percentile(0.9)).as("p90 of %d", size).isEqualTo(sortedPercentile(all, 0.9));
    }
  }

  private static double sortedPercentile(double[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int lower = (int) Math.floor(rank);
    int upper = (int) Math.ceil(rank);
    return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
  }

  @Test
  void theGapIsToThePreviousIncidentOfTheSameServiceOnlyAndNeverNegative() {
    List<Row> rows = List.of(
        row("a1", "a", "SEV1", 1_000, 1_500, 300),
        row("a2", "a", "SEV2", 2_000, 2_100, 3_000),
        row("a3", "a", "SEV3", 2_050, NONE, NONE),
        row("b1", "b", "SEV1", 500, 900, 100));
    KpiAggregate.Figures all = KpiAggregate.groups(rows, List.of(), (d, r) -> null, SETTINGS).get(0);
    assertThat(all.n).isEqualTo(4);
    // a2 − a1 resolved = 500; a3 − a2 resolved = −50 → 0; b1 has no previous of its service
    assertThat(all.gaps).isEqualTo(2);
    assertThat(all.gapMean()).isEqualTo(250.0);
    assertThat(all.major).isEqualTo(3);
    assertThat(all.majorInTarget).as("a1 (300 s) and b1 (100 s) within 1,800 s; a2 took 3,000 s").isEqualTo(2);
    // a3 not mitigated: downtime until the end of the period (100,000 − 2,050)
    assertThat(all.downtime).isEqualTo(300 + 3_000 + 97_950 + 100);
  }

  @Test
  void groupsAreOrderedByTheirKeysWithNoValueLastAndEmptyGroupingStillAnswersOneGroup() {
    List<Row> rows = List.of(row("x", "a", null, 0, 1, 1), row("y", "a", "SEV2", 10, 11, 1),
        row("z", "b", "SEV1", 20, 21, 1));
    List<KpiAggregate.Figures> bySeverity = KpiAggregate.groups(rows, List.of(Dimension.SEVERITY),
        (d, r) -> r.severity(), SETTINGS);
    assertThat(bySeverity).extracting(f -> f.keys.get(0)).containsExactly("SEV1", "SEV2", null);
    assertThat(KpiAggregate.groups(List.of(), List.of(), (d, r) -> null, SETTINGS)).hasSize(1);
    assertThat(KpiAggregate.groups(List.of(), List.of(Dimension.SERVICE), (d, r) -> null, SETTINGS)).isEmpty();
  }

  private static Row row(String key, String service, String severity, double impact, double resolved, double ttm) {
    return new Row(key, service, "outage", severity, "part-of-users", "api", false, true, (long) (impact * 1e6), impact,
        resolved, new double[] {NONE, NONE, ttm, NONE, NONE}, 1);
  }
}
