package dev.firebreak.kpi;

import dev.firebreak.kpi.DefinitionVersions.Revision;
import dev.firebreak.kpi.KpiReport.Measure;
import dev.firebreak.kpi.KpiReport.Stats;
import dev.firebreak.platform.i18n.Texts;
import dev.firebreak.platform.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The effect of process changes (docs/kpis.md): a KPI duration of the counted incidents by the
 * revision of a process or decision table they ran under, and for each revision the change of the
 * median from the revision before, with a seeded bootstrap interval of the difference. The verdict
 * is "shorter" or "longer" only when the interval does not hold zero, "no clear change" when it
 * does, and "not enough incidents" when either side has fewer than the minimum.
 */
@Service
public class VersionComparison {

  /** What a comparison found. */
  public enum Verdict {
    SHORTER("shorter"), LONGER("longer"), NO_CLEAR_CHANGE("no-clear-change"), NOT_ENOUGH("not-enough");

    private final String code;

    Verdict(String code) {
      this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
      return code;
    }
  }

  /** A revision's figure: its incidents (counted ones that ran under it) and the measure's statistics. */
  public record RevisionFigure(int version, List<Integer> versions, Instant deployedAt, long incidents, Stats stats) {
  }

  /**
   * A revision against the one before it that has incidents: medians (seconds), the difference
   * (after − before) and its interval; null values, with the verdict not-enough, when a side is too small.
   */
  public record Change(int fromVersion, int toVersion, Instant deployedAt, long beforeN, long afterN,
      Double beforeMedian, Double afterMedian, Double difference, Double low, Double high, Verdict verdict,
      String differenceText, String summary) {
  }

  /** The answer: the definition, the measure, per revision and per change; incidents with no recorded version. */
  public record Report(String type, String key, String measure, Instant from, Instant to, Map<String, Object> filters,
      int minimumIncidents, double confidence, int resamples, long seed, String language,
      Map<String, String> definitions, List<RevisionFigure> revisions, List<Change> changes, long unrecorded,
      Map<String, List<String>> available) {
  }

  private final JdbcClient jdbc;
  private final KpiFigures figures;
  private final DefinitionVersions versions;

  VersionComparison(JdbcClient jdbc, KpiFigures figures, DefinitionVersions versions) {
    this.jdbc = jdbc;
    this.figures = figures;
    this.versions = versions;
  }

  public Report compare(String type, String key, Measure measure, KpiQuery query, Locale locale) {
    KpiFigures.Sql sql = new KpiFigures.Sql();
    String where = figures.counted(query, sql);
    sql.params.put("type", type);
    sql.params.put("key", key);
    Map<Integer, List<Double>> values = new TreeMap<>();
    Map<Integer, Long> incidents = new TreeMap<>();
    jdbc.sql("SELECT v.version AS version, " + KpiFigures.measureSeconds(measure) + " AS measured "
            + "FROM incident i JOIN incident_definition_version v ON v.incident_key = i.incident_key "
            + "AND v.definition_type = :type AND v.definition_key = :key WHERE " + where)
        .params(sql.params)
        .query((rs, row) -> {
          int version = rs.getInt("version");
          incidents.merge(version, 1L, Long::sum);
          Double value = KpiFigures.number(rs, "measured");
          List<Double> list = values.computeIfAbsent(version, v -> new ArrayList<>());
          if (value != null) {
            list.add(value);
          }
          return null;
        }).list();
    long unrecorded = jdbc.sql("SELECT COUNT(*) FROM incident i WHERE " + where + " AND NOT EXISTS (SELECT 1 FROM "
            + "incident_definition_version v WHERE v.incident_key = i.incident_key AND v.definition_type = :type "
            + "AND v.definition_key = :key)")
        .params(sql.params).query(Long.class).single();
    Builder builder = new Builder(figures.properties(), figures.texts(), figures.zone(), locale);
    List<RevisionFigure> revisions = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    builder.build(type, key, measure, versions.revisions(type, key), values, incidents, revisions, changes);
    Map<String, String> definitions = new LinkedHashMap<>();
    definitions.put(measure.code(), figures.definitions(locale).get(measure.code()));
    definitions.put("counted", figures.definitions(locale).get("counted"));
    definitions.put("versions", figures.texts().get(locale, "kpi.definition.versions"));
    definitions.put("comparison", figures.texts().get(locale, "kpi.definition.comparison",
        Math.round(figures.properties().getConfidence() * 100), figures.properties().getBootstrapResamples(),
        figures.properties().getMinimumIncidents()));
    KpiProperties p = figures.properties();
    return new Report(type, key, measure.code(), query.from(), query.to(), Map.of("service", query.services(),
        "type", query.types(), "severity", query.severities(), "team", query.teams(),
        "imported", query.imported().name().toLowerCase(Locale.ROOT)), p.getMinimumIncidents(), p.getConfidence(),
        p.getBootstrapResamples(), p.getBootstrapSeed(), locale.getLanguage(), definitions, revisions, changes,
        unrecorded, versions.recorded());
  }

  /** The figures and changes from the values per version: no database, so the unit test feeds it by hand. */
  static final class Builder {

    private final KpiProperties properties;
    private final Texts texts;
    private final ZoneId zone;
    private final Locale locale;

    Builder(KpiProperties properties, Texts texts, ZoneId zone, Locale locale) {
      this.properties = properties;
      this.texts = texts;
      this.zone = zone;
      this.locale = locale;
    }

    /**
     * Versions with the same model are one revision (as {@code deployed} says; a version it does not
     * know is a revision of its own). Fills the revisions that have incidents, oldest first, and a
     * change for each after the first.
     */
    void build(String type, String key, Measure measure, List<Revision> deployed, Map<Integer, List<Double>> values,
        Map<Integer, Long> incidents, List<RevisionFigure> revisions, List<Change> changes) {
      Map<Integer, Revision> byVersion = new HashMap<>();
      for (Revision revision : deployed) {
        for (int version : revision.versions()) {
          byVersion.put(version, revision);
        }
      }
      TreeMap<Integer, Revision> used = new TreeMap<>();
      Map<Integer, List<Double>> valuesOf = new HashMap<>();
      Map<Integer, Long> incidentsOf = new HashMap<>();
      for (Map.Entry<Integer, Long> entry : incidents.entrySet()) {
        Revision revision = byVersion.getOrDefault(entry.getKey(),
            new Revision(entry.getKey(), List.of(entry.getKey()), null));
        used.put(revision.version(), revision);
        incidentsOf.merge(revision.version(), entry.getValue(), Long::sum);
        valuesOf.computeIfAbsent(revision.version(), v -> new ArrayList<>())
            .addAll(values.getOrDefault(entry.getKey(), List.of()));
      }
      String measureName = texts.get(locale, "kpi.measure." + measure.code());
      double[] previous = null;
      Revision previousRevision = null;
      for (Revision revision : used.values()) {
        double[] sample = valuesOf.get(revision.version()).stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sample);
        revisions.add(new RevisionFigure(revision.version(), revision.versions(), revision.deployedAt(),
            incidentsOf.get(revision.version()), stats(sample)));
        if (previousRevision != null) {
          changes.add(change(type, key, measureName, previousRevision, previous, revision, sample));
        }
        previous = sample;
        previousRevision = revision;
      }
    }

    private Change change(String type, String key, String measureName, Revision before, double[] a, Revision after,
        double[] b) {
      int minimum = properties.getMinimumIncidents();
      String since = texts.get(locale, "kpi.version.since", key, after.version(), after.deployedAt() == null
          ? texts.get(locale, "kpi.version.deployedUnknown")
          : texts.get(locale, "kpi.version.deployed",
          DateTimeFormatter.ISO_LOCAL_DATE.format(after.deployedAt().atZone(zone))));
      if (a.length < minimum || b.length < minimum) {
        String summary = since + ": " + measureName + " " + texts.get(locale, "kpi.version.notEnough", a.length,
            b.length, minimum);
        return new Change(before.version(), after.version(), after.deployedAt(), a.length, b.length, null, null,
            null, null, null, Verdict.NOT_ENOUGH, null, summary);
      }
      MedianDifference.Result result = MedianDifference.of(a, b, properties.getBootstrapResamples(),
          properties.getConfidence(), properties.getBootstrapSeed());
      Verdict verdict = result.spansZero() ? Verdict.NO_CLEAR_CHANGE
          : result.high() < 0 ? Verdict.SHORTER : Verdict.LONGER;
      String summary = since + ": " + texts.get(locale, "kpi.version.medians", measureName,
          KpiFigures.text(result.before(), locale), KpiFigures.text(result.after(), locale), a.length, b.length)
          + "; " + texts.get(locale, "kpi.version.verdict." + verdict.code(), Math.round(result.confidence() * 100),
          signed(result.low()), signed(result.high()));
      return new Change(before.version(), after.version(), after.deployedAt(), a.length, b.length, result.before(),
          result.after(), result.difference(), result.low(), result.high(), verdict, signed(result.difference()),
          summary);
    }

    private Stats stats(double[] sorted) {
      long n = sorted.length;
      if (n < properties.getMinimumIncidents()) {
        return new Stats(n, null, null, null, null, null, null,
            texts.get(locale, "kpi.notEnough", n, properties.getMinimumIncidents()));
      }
      double mean = Arrays.stream(sorted).average().orElse(0);
      double median = MedianDifference.median(sorted);
      double p90 = MedianDifference.quantile(sorted, 0.9);
      return new Stats(n, mean, median, p90, KpiFigures.text(mean, locale), KpiFigures.text(median, locale),
          KpiFigures.text(p90, locale), null);
    }

    /** A signed duration as people read it: "−14 min", "+3 min", "0 s". */
    private String signed(double seconds) {
      long rounded = Math.round(seconds);
      String magnitude = Durations.duration(Duration.ofSeconds(Math.abs(rounded)), locale);
      return rounded < 0 ? "−" + magnitude : rounded > 0 ? "+" + magnitude : magnitude;
    }
  }
}
