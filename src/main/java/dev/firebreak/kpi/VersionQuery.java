package dev.firebreak.kpi;

import dev.firebreak.kpi.KpiReport.Measure;
import dev.firebreak.platform.web.FieldChecks;
import java.util.Arrays;
import java.util.List;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What {@code /api/kpis/versions} and the page's comparison ask for: a process ({@code process=key},
 * by default {@code incident}) or a decision table ({@code decision=key}), a measure (by default time
 * to mitigate), and the rest of the parameters as for /api/kpis (without groupBy and format).
 */
record VersionQuery(String type, String key, Measure measure, MultiValueMap<String, String> rest) {

  static final String DEFAULT_PROCESS = "incident";

  static VersionQuery parse(MultiValueMap<String, String> parameters) {
    FieldChecks checks = new FieldChecks();
    MultiValueMap<String, String> rest = new LinkedMultiValueMap<>(parameters);
    String process = first(rest.remove("process"));
    String decision = first(rest.remove("decision"));
    String measureCode = first(rest.remove("measure"));
    checks.check(!rest.containsKey("groupBy"), "groupBy", "is not a parameter of /api/kpis/versions: it compares versions");
    checks.check(!rest.containsKey("format"), "format", "is not a parameter of /api/kpis/versions: JSON only");
    checks.check(process == null || decision == null, "decision", "name a process or a decision, not both");
    checks.check(process == null || process.matches("[A-Za-z0-9._-]{1,255}"), "process", "is not a definition key");
    checks.check(decision == null || decision.matches("[A-Za-z0-9._-]{1,255}"), "decision", "is not a definition key");
    Measure measure = Measure.TIME_TO_MITIGATE;
    if (measureCode != null) {
      measure = Arrays.stream(Measure.values()).filter(m -> m.code().equals(measureCode)).findFirst().orElse(null);
      checks.check(measure != null, "measure", "'" + measureCode + "' is not one of "
          + Arrays.stream(Measure.values()).map(Measure::code).toList());
    }
    checks.throwIfAny();
    return decision != null ? new VersionQuery(DefinitionVersions.DECISION, decision, measure, rest)
        : new VersionQuery(DefinitionVersions.PROCESS, process == null ? DEFAULT_PROCESS : process, measure, rest);
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
  }
}
