package dev.firebreak.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.firebreak.kpi.DefinitionVersions.Revision;
import dev.firebreak.kpi.KpiReport.Measure;
import dev.firebreak.kpi.VersionComparison.Change;
import dev.firebreak.kpi.VersionComparison.RevisionFigure;
import dev.firebreak.kpi.VersionComparison.Verdict;
import dev.firebreak.platform.i18n.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The effect of process changes on a data set computed by hand (times to mitigate in minutes; the
 * minimum for a figure is 3 here):
 *
 * <pre>
 * incident v1 (2026-10-01)            30 34 38 42 46   median 38, mean 38, p90 44.4
 * incident v2 = v3 (same model, 2026-11-02)
 *                    v2: 20 22, v3: 24 26 28          one revision "v2": median 24, n=5
 * incident v4 (2026-11-20)            22 24 26 28 60   median 26
 * incident v5 (2026-12-01)            25 27, one not mitigated: 3 incidents, n=2
 * </pre>
 *
 * v2 against v1: every resampled median of v1 is in [30, 46] and of v2 in [20, 28], so every
 * resampled difference is in [−26, −2]: the interval lies below zero, "shorter". v4 against v2:
 * medians 26 vs 24, but the samples overlap: the interval holds zero, "no clear change". v5 has 2
 * values: "not enough incidents".
 */
class VersionComparisonTest {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  static Texts texts() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return new Texts(messages, "en");
  }

  static KpiProperties properties() {
    KpiProperties properties = new KpiProperties();
    properties.setMinimumIncidents(3);
    return properties;
  }

  static List<Double> minutes(double... values) {
    return Arrays.stream(values).map(v -> v * 60).boxed().toList();
  }

  final List<Revision> deployed = List.of(
      new Revision(1, List.of(1), Instant.parse("2026-10-01T01:00:00Z")),
      new Revision(2, List.of(2, 3), Instant.parse("2026-11-02T01:00:00Z")),
      new Revision(4, List.of(4), Instant.parse("2026-11-20T01:00:00Z")),
      new Revision(5, List.of(5), Instant.parse("2026-12-01T01:00:00Z")));

  List<RevisionFigure> revisions = new ArrayList<>();
  List<Change> changes = new ArrayList<>();

  void build(Locale locale) {
    Map<Integer, List<Double>> values = new TreeMap<>(Map.of(1, minutes(30, 34, 38, 42, 46), 2, minutes(20, 22),
        3, minutes(24, 26, 28), 4, minutes(22, 24, 26, 28, 60), 5, minutes(25, 27)));
    Map<Integer, Long> incidents = new TreeMap<>(Map.of(1, 5L, 2, 2L, 3, 3L, 4, 5L, 5, 3L));
    new VersionComparison.Builder(properties(), texts(), SEOUL, locale)
        .build("process", "incident", Measure.TIME_TO_MITIGATE, deployed, values, incidents, revisions, changes);
  }

  @Test
  void revisionsMergeVersionsWithTheSameModel() {
    build(Locale.ENGLISH);
    assertThat(revisions).extracting(RevisionFigure::version).containsExactly(1, 2, 4, 5);
    RevisionFigure v1 = revisions.get(0);
    assertThat(v1.stats().median()).isEqualTo(38 * 60.0);
    assertThat(v1.stats().mean()).isCloseTo(38 * 60.0, within(1e-9));
    assertThat(v1.stats().p90()).isCloseTo(44.4 * 60, within(1e-9));
    assertThat(v1.stats().medianText()).isEqualTo("38 min");
    RevisionFigure v2 = revisions.get(1);
    assertThat(v2.versions()).containsExactly(2, 3);
    assertThat(v2.incidents()).isEqualTo(5);
    assertThat(v2.stats().n()).isEqualTo(5);
    assertThat(v2.stats().median()).isEqualTo(24 * 60.0);
    RevisionFigure v5 = revisions.get(3);
    assertThat(v5.incidents()).as("an incident not mitigated ran under it too").isEqualTo(3);
    assertThat(v5.stats().n()).isEqualTo(2);
    assertThat(v5.stats().median()).isNull();
    assertThat(v5.stats().note()).isEqualTo("not enough incidents (n=2, at least 3)");
  }

  @Test
  void aClearChangeNoClearChangeAndNotEnough() {
    build(Locale.ENGLISH);
    assertThat(changes).hasSize(3);
    Change shorter = changes.get(0);
    assertThat(shorter.fromVersion()).isEqualTo(1);
    assertThat(shorter.toVersion()).isEqualTo(2);
    assertThat(shorter.verdict()).isEqualTo(Verdict.SHORTER);
    assertThat(shorter.difference()).isEqualTo(-14 * 60.0);
    assertThat(shorter.low()).isBetween(-26 * 60.0, shorter.difference());
    assertThat(shorter.high()).isBetween(shorter.difference(), -2 * 60.0);
    assertThat(shorter.differenceText()).isEqualTo("−14 min");
    assertThat(shorter.summary()).startsWith("since incident v2 (deployed 2026-11-02): median time to mitigate "
        + "38 min → 24 min, n=5 vs 5; shorter: the 95% interval of the change, −").endsWith("lies below zero");

    Change unclear = changes.get(1);
    assertThat(unclear.fromVersion()).isEqualTo(2);
    assertThat(unclear.toVersion()).isEqualTo(4);
    assertThat(unclear.difference()).isEqualTo(2 * 60.0);
    assertThat(unclear.low()).isNegative();
    assertThat(unclear.high()).isPositive();
    assertThat(unclear.verdict()).isEqualTo(Verdict.NO_CLEAR_CHANGE);
    assertThat(unclear.summary()).contains("median time to mitigate 24 min → 26 min, n=5 vs 5; no clear change")
        .endsWith("spans zero");

    Change few = changes.get(2);
    assertThat(few.verdict()).isEqualTo(Verdict.NOT_ENOUGH);
    assertThat(few.difference()).isNull();
    assertThat(few.low()).isNull();
    assertThat(few.summary()).isEqualTo("since incident v5 (deployed 2026-12-01): time to mitigate "
        + "not enough incidents to compare (n=5 vs 2, at least 3 each)");
  }

  @Test
  void theSameDataAndSeedGiveTheSameInterval() {
    build(Locale.ENGLISH);
    List<Change> first = List.copyOf(changes);
    revisions.clear();
    changes.clear();
    build(Locale.ENGLISH);
    assertThat(changes).isEqualTo(first);
  }

  @Test
  void inKorean() {
    build(Locale.KOREAN);
    assertThat(changes.get(0).summary()).startsWith("incident v2 이후(2026-11-02 배포): 완화 시간 중앙값 38분 → 24분, n=5 대 5; 짧아짐");
    assertThat(changes.get(1).summary()).contains("뚜렷한 변화 없음");
  }

  @Test
  void aVersionNoLongerDeployedIsARevisionOfItsOwn() {
    new VersionComparison.Builder(properties(), texts(), SEOUL, Locale.ENGLISH).build("decision", "incident-severity",
        Measure.TIME_TO_MITIGATE, List.of(), Map.of(7, minutes(10, 10, 10), 8, minutes(20, 20, 20)),
        Map.of(7, 3L, 8, 3L), revisions, changes);
    assertThat(revisions).extracting(RevisionFigure::version).containsExactly(7, 8);
    assertThat(changes.get(0).summary()).startsWith(
        "since incident-severity v8 (no longer deployed): median time to mitigate 10 min → 20 min, n=3 vs 3; longer");
    // constant samples: every resampled difference is exactly +10 min
    assertThat(changes.get(0).low()).isEqualTo(600.0);
    assertThat(changes.get(0).high()).isEqualTo(600.0);
  }
}
