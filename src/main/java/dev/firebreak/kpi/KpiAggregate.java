package dev.firebreak.kpi;

import dev.firebreak.kpi.KpiQuery.Dimension;
import dev.firebreak.kpi.KpiRows.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The figures of docs/kpis.md worked out over the counted incidents of one question, group by group:
 * what one SQL aggregate computed before (count, sums, {@code AVG}, {@code PERCENTILE_CONT} 0.5 and
 * 0.9 with its linear interpolation, the gap to the previous incident of the same service), now from
 * the rows {@link KpiRows} keeps. Pure: the same rows and question give the same figures.
 */
final class KpiAggregate {

  static final int MEASURES = 5;
  static final int TIME_TO_MITIGATE = 2;

  /** What a question needs besides the rows: the end of the period so far, the target, the alert sources. */
  record Settings(double endSeconds, double targetSeconds, Set<String> alertSources) {
  }

  /** The raw figures of one group (before "not enough incidents" and the texts). */
  static final class Figures {
    final List<Object> keys;
    long n;
    long imported;
    long byAlerts;
    long major;
    long majorInTarget;
    double downtime;
    long gaps;
    double gapSum;
    final Values[] measures = new Values[MEASURES];

    Figures(List<Object> keys) {
      this.keys = keys;
      for (int m = 0; m < MEASURES; m++) {
        measures[m] = new Values();
      }
    }

    Double gapMean() {
      return gaps == 0 ? null : gapSum / gaps;
    }
  }

  /** The values of one duration in a group: count, mean and the two percentiles. */
  static final class Values {
    private double[] values = new double[16];
    private int n;
    private double sum;

    void add(double value) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = value;
      sum += value;
    }

    long n() {
      return n;
    }

    Double mean() {
      return n == 0 ? null : sum / n;
    }

    /**
     * {@code PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY value)}: linear between the two nearest ranks.
     * The ranks are found by selection (quickselect), not by sorting all values: asked in ascending p
     * (median, then p90) each selection leaves the ranks below it in place.
     */
    Double percentile(double p) {
      if (n == 0) {
        return null;
      }
      double rank = p * (n - 1);
      int lower = (int) Math.floor(rank);
      double low = select(lower);
      if (rank == lower) {
        return low;
      }
      double high = values[lower + 1];
      for (int i = lower + 2; i < n; i++) {
        high = Math.min(high, values[i]);
      }
      return low + (rank - lower) * (high - low);
    }

    /** The k-th smallest value; afterwards every value before index k is at most it, every one after at least. */
    private double select(int k) {
      int left = 0;
      int right = n - 1;
      while (right > left) {
        if (right - left < 16) {
          Arrays.sort(values, left, right + 1);
          break;
        }
        double pivot = median(values[left], values[(left + right) >>> 1], values[right]);
        int i = left;
        int j = right;
        while (i <= j) {
          while (values[i] < pivot) {
            i++;
          }
          while (values[j] > pivot) {
            j--;
          }
          if (i <= j) {
            double swap = values[i];
            values[i++] = values[j];
            values[j--] = swap;
          }
        }
        if (k <= j) {
          right = j;
        } else if (k >= i) {
          left = i;
        } else {
          break;
        }
      }
      return values[k];
    }

    private static double median(double a, double b, double c) {
      return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
  }

  private KpiAggregate() {
  }

  /**
   * The groups of the counted rows (already filtered, in {@link KpiRows}' order), keyed by the
   * grouping's values in its order (a time bucket by its index), sorted by them as SQL's
   * {@code ORDER BY} (no value last); without grouping exactly one group, even of no incidents.
   */
  static List<Figures> groups(List<Row> rows, List<Dimension> groupBy, GroupKeys keys, Settings settings) {
    Map<List<Object>, Figures> groups = new HashMap<>();
    if (groupBy.isEmpty()) {
      groups.put(List.of(), new Figures(List.of()));
    }
    Object[] last = null;
    Figures lastFigures = groups.get(List.of());
    Row previous = null;
    for (Row row : rows) {
      Object[] key = new Object[groupBy.size()];
      for (int d = 0; d < key.length; d++) {
        key[d] = keys.value(groupBy.get(d), row);
      }
      // the rows come by service and impact start: a row is mostly in the group of the one before
      Figures figures = last != null && Arrays.equals(key, last) ? lastFigures
          : groups.computeIfAbsent(Arrays.asList(key), Figures::new);
      last = key;
      lastFigures = figures;
      add(figures, row, settings);
      if (previous != null && Objects.equals(previous.service(), row.service())
          && !Double.isNaN(previous.resolvedSeconds())) {
        figures.gaps++;
        figures.gapSum += Math.max(0, row.impactSeconds() - previous.resolvedSeconds());
      }
      previous = row;
    }
    List<Figures> sorted = new ArrayList<>(groups.values());
    sorted.sort(KpiAggregate::compareKeys);
    return sorted;
  }

  private static void add(Figures figures, Row row, Settings settings) {
    figures.n++;
    figures.imported += row.imported() ? 1 : 0;
    figures.byAlerts += row.source() != null && settings.alertSources().contains(row.source()) ? 1 : 0;
    double ttm = row.duration(TIME_TO_MITIGATE);
    if ("SEV1".equals(row.severity()) || "SEV2".equals(row.severity())) {
      figures.major++;
      figures.majorInTarget += !Double.isNaN(ttm) && ttm <= settings.targetSeconds() ? 1 : 0;
    }
    figures.downtime += Double.isNaN(ttm) ? settings.endSeconds() - row.impactSeconds() : ttm;
    for (int m = 0; m < MEASURES; m++) {
      double value = row.duration(m);
      if (!Double.isNaN(value)) {
        figures.measures[m].add(value);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Figures a, Figures b) {
    Comparator<Object> values = Comparator.nullsLast((x, y) -> ((Comparable) x).compareTo(y));
    for (int i = 0; i < a.keys.size(); i++) {
      int order = values.compare(a.keys.get(i), b.keys.get(i));
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  /** The value a row has for a grouping dimension: a bucket index for time, else the column (team by service). */
  interface GroupKeys {
    Object value(Dimension dimension, Row row);
  }

  /** The rows the question counts, in order: counted, impact in the period, and the filters. */
  static List<Row> counted(List<Row> rows, long fromMicros, long toMicros, Predicate<Row> filters) {
    List<Row> counted = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.counted() && row.impactMicros() >= fromMicros && row.impactMicros() < toMicros && filters.test(row)) {
        counted.add(row);
      }
    }
    return counted;
  }
}
