package dev.firebreak.kpi;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The difference of two medians (after − before) with a percentile bootstrap confidence interval:
 * both samples are resampled with replacement, {@code resamples} times, from a seeded generator, so
 * the same data and seed always give the same interval. Medians are continuous (interpolated), as
 * {@code PERCENTILE_CONT(0.5)} in the KPI queries.
 */
final class MedianDifference {

  /** The medians, their difference (after − before) and the interval [low, high] at the confidence. */
  record Result(double before, double after, double difference, double low, double high, double confidence) {

    /** The interval holds zero: the data do not show a change either way. */
    boolean spansZero() {
      return low <= 0 && high >= 0;
    }
  }

  private MedianDifference() {
  }

  static Result of(double[] before, double[] after, int resamples, double confidence, long seed) {
    if (before.length == 0 || after.length == 0) {
      throw new IllegalArgumentException("both samples need at least one value");
    }
    double[] a = before.clone();
    double[] b = after.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    double medianBefore = median(a);
    double medianAfter = median(b);
    SplittableRandom random = new SplittableRandom(seed);
    double[] differences = new double[resamples];
    int[] countsA = new int[a.length];
    int[] countsB = new int[b.length];
    for (int r = 0; r < resamples; r++) {
      differences[r] = resampledMedian(b, countsB, random) - resampledMedian(a, countsA, random);
    }
    Arrays.sort(differences);
    double tail = (1 - confidence) / 2;
    return new Result(medianBefore, medianAfter, medianAfter - medianBefore, quantile(differences, tail),
        quantile(differences, 1 - tail), confidence);
  }

  /** The median of sorted values, interpolated between the two middle ones. */
  static double median(double[] sorted) {
    return quantile(sorted, 0.5);
  }

  /** The continuous quantile of sorted values (PERCENTILE_CONT): position q·(n − 1), interpolated. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  }

  /**
   * The median of one resample of the sorted values, drawn as counts per value (a resample of n
   * values is n draws of an index), so that no resample needs sorting: O(n) per resample.
   */
  private static double resampledMedian(double[] sorted, int[] counts, SplittableRandom random) {
    int n = sorted.length;
    Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      counts[random.nextInt(n)]++;
    }
    double position = 0.5 * (n - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    double lowerValue = Double.NaN;
    int seen = 0;
    for (int i = 0; i < n; i++) {
      seen += counts[i];
      if (Double.isNaN(lowerValue) && seen > lower) {
        lowerValue = sorted[i];
      }
      if (seen > upper) {
        return lowerValue + (position - lower) * (sorted[i] - lowerValue);
      }
    }
    throw new IllegalStateException("a resample has n values");
  }
}
