package dev.firebreak.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bootstrap interval of a difference of medians, against values computed by hand. */
class MedianDifferenceTest {

  @Test
  void mediansInterpolateAsPercentileCont() {
    assertThat(MedianDifference.median(new double[] {0, 300, 600})).isEqualTo(300);
    assertThat(MedianDifference.median(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
    assertThat(MedianDifference.quantile(new double[] {0, 300, 600}, 0.9)).isEqualTo(540);
  }

  @Test
  void constantSamplesHaveAnIntervalOfOnePoint() {
    MedianDifference.Result result = MedianDifference.of(new double[] {600, 600, 600}, new double[] {300, 300},
        2000, 0.95, 1);
    assertThat(result.difference()).isEqualTo(-300);
    assertThat(result.low()).isEqualTo(-300);
    assertThat(result.high()).isEqualTo(-300);
    assertThat(result.spansZero()).isFalse();
  }

  @Test
  void theSameSamplesSpanZero() {
    double[] values = {10, 20, 30, 40, 50, 60, 70};
    MedianDifference.Result result = MedianDifference.of(values, values, 2000, 0.95, 13);
    assertThat(result.difference()).isZero();
    assertThat(result.low()).isNegative();
    assertThat(result.high()).isPositive();
    assertThat(result.spansZero()).isTrue();
  }

  @Test
  void seededAndDeterministic() {
    double[] before = {31, 35, 38, 40, 44, 52, 29, 37};
    double[] after = {22, 25, 24, 30, 19, 27, 33};
    MedianDifference.Result a = MedianDifference.of(before, after, 1000, 0.9, 42);
    assertThat(MedianDifference.of(before, after, 1000, 0.9, 42)).isEqualTo(a);
    assertThat(a.difference()).isEqualTo(25 - 37.5);
    // every resampled median lies within its sample's range
    assertThat(a.low()).isGreaterThanOrEqualTo(19 - 52);
    assertThat(a.high()).isLessThanOrEqualTo(33 - 29);
    assertThat(a.low()).isLessThanOrEqualTo(a.difference());
    assertThat(a.high()).isGreaterThanOrEqualTo(a.difference());
  }
}
