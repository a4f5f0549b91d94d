package dev.firebreak.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.security.Hashes;
import dev.firebreak.incident.ImportedIncidents;
import dev.firebreak.platform.time.EngineClock;
import dev.firebreak.postmortem.ImportedReports;
import dev.firebreak.platform.web.InvalidInputException;
import dev.firebreak.platform.web.InvalidInputException.FieldProblem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports past incidents (issue 14.5): reads a batch, decides line by line whether it creates, updates,
 * leaves unchanged or refuses an incident, and writes only a batch without refusals, all of it in one
 * transaction. An imported incident starts no process and sends nothing ({@link ImportedIncidents}).
 */
@Service
public class Imports {

  /** At most this many records in one request. */
  static final int MAX_LINES = 5000;

  /** What became of one line. */
  public enum Outcome {
    CREATED, UPDATED, UNCHANGED, REFUSED;

    @com.fasterxml.jackson.annotation.JsonValue
    String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One line of the answer. {@code incidentKey} is null for a line that would be created (dry run) or is refused. */
  public record LineResult(int line, String source, String sourceId, Outcome outcome, String incidentKey,
      String reason, List<FieldProblem> problems) {
  }

  /** The answer: what happened (or would happen, dry run) to each line; {@code written} says whether anything was. */
  public record Result(String format, boolean dryRun, boolean written, int created, int updated, int unchanged,
      int refused, List<LineResult> lines) {
  }

  /** A batch with refused lines: nothing was written. */
  static final class Refused extends RuntimeException {
    final Result result;

    Refused(Result result) {
      super(result.refused() + " of " + result.lines().size() + " lines refused");
      this.result = result;
    }
  }

  /** The cause and lessons an import brought for an incident (for the report and the knowledge base). */
  public record PastAnalysis(String incidentKey, String source, String sourceId, String cause, String lessons,
      Instant importedAt, String importedBy) {
  }

  private final ImportRepository repository;
  private final ImportedIncidents incidents;
  private final EngineClock clock;
  private final ObjectMapper json;
  private final ImportedReports reports;

  Imports(ImportRepository repository, ImportedIncidents incidents, EngineClock clock, ObjectMapper json,
      ImportedReports reports) {
    this.reports = reports;
    this.repository = repository;
    this.incidents = incidents;
    this.clock = clock;
    this.json = json;
  }

  /** The imported cause and lessons of an incident, if it was imported. */
  public Optional<PastAnalysis> pastAnalysis(String incidentKey) {
    return repository.findByIncident(incidentKey).map(row -> new PastAnalysis(row.incidentKey(), row.source(),
        row.sourceId(), row.cause(), row.lessons(), row.importedAt(), row.importedBy()));
  }

  /**
   * Reads {@code body} in {@code format} and, unless {@code dryRun}, writes it when no line is refused.
   * A body that cannot be read at all is an {@link InvalidInputException} (400).
   */
  @Transactional
  public Result run(ImportFormat format, String body, boolean dryRun, String user, ZoneId zone, String defaultType,
      String defaultImpact) {
    Instant now = clock.now();
    ImportReaders.Options options = new ImportReaders.Options(zone, defaultType, defaultImpact, now);
    List<ImportLine> lines = read(format, body, options);
    List<LineResult> results = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int refused = 0;
    List<Runnable> writes = new ArrayList<>();
    for (ImportLine line : lines) {
      List<FieldProblem> problems = new ArrayList<>(line.problems());
      if (line.sourceId() != null) {
        Integer earlier = seen.putIfAbsent(line.source() + "\u0000" + line.sourceId(), line.line());
        if (earlier != null) {
          problems.add(new FieldProblem("sourceId", "'" + line.sourceId() + "' is already on line " + earlier
              + " of this batch"));
        }
      }
      if (!problems.isEmpty()) {
        refused++;
        results.add(new LineResult(line.line(), line.source(), line.sourceId(), Outcome.REFUSED, null,
            "refused: " + problems.size() + " problem(s)", List.copyOf(problems)));
        continue;
      }
      String hash = Hashes.sha256Hex(line.raw());
      Optional<ImportRepository.Row> existing = repository.find(line.source(), line.sourceId());
      if (existing.isEmpty()) {
        created++;
        results.add(new LineResult(line.line(), line.source(), line.sourceId(), Outcome.CREATED, null,
            "new: not imported before" + withReport(line), List.of()));
        int index = results.size() - 1;
        writes.add(() -> {
          String key = incidents.record(line.incident(), line.source(), line.sourceId(), user);
          repository.insert(line, key, hash, user, now);
          if (line.report() != null) {
            reports.publishImported(key, line.report());
          }
          LineResult r = results.get(index);
          results.set(index, new LineResult(r.line(), r.source(), r.sourceId(), r.outcome(), key, r.reason(),
              r.problems()));
        });
      } else if (existing.get().contentHash().equals(hash)) {
        unchanged++;
        results.add(new LineResult(line.line(), line.source(), line.sourceId(), Outcome.UNCHANGED,
            existing.get().incidentKey(), "same as imported at " + existing.get().importedAt(), List.of()));
      } else {
        updated++;
        String key = existing.get().incidentKey();
        results.add(new LineResult(line.line(), line.source(), line.sourceId(), Outcome.UPDATED, key,
            "changed since imported at " + existing.get().importedAt() + withReport(line), List.of()));
        writes.add(() -> {
          incidents.update(key, line.incident(), line.source(), line.sourceId(), user);
          repository.update(line, hash, user, now);
          if (line.report() != null) {
            reports.publishImported(key, line.report());
          }
        });
      }
    }
    if (dryRun) {
      return new Result(format.code, true, false, created, updated, unchanged, refused, results);
    }
    if (refused > 0) {
      throw new Refused(new Result(format.code, false, false, created, updated, unchanged, refused, results));
    }
    writes.forEach(Runnable::run);
    return new Result(format.code, false, !writes.isEmpty(), created, updated, unchanged, refused, results);
  }

  private List<ImportLine> read(ImportFormat format, String body, ImportReaders.Options options) {
    if (body == null || body.isBlank()) {
      throw invalid("body", "is empty: send the incidents (" + ImportFormat.codes() + ")");
    }
    List<ImportLine> lines;
    if (format == ImportFormat.FIREBREAK) {
      JsonNode root;
      try {
        root = json.readTree(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw invalid("body", "is not JSON: " + e.getOriginalMessage());
      }
      JsonNode items = root.isArray() ? root : root.path("incidents");
      if (!items.isArray()) {
        throw invalid("incidents", "is required: a list of past incidents");
      }
      if (items.isEmpty()) {
        throw invalid("incidents", "is empty");
      }
      if (items.size() > MAX_LINES) {
        throw invalid("incidents", "holds " + items.size() + " incidents, at most " + MAX_LINES + " per request");
      }
      lines = ImportReaders.firebreak(items, options);
    } else {
      List<Csv.Row> rows;
      try {
        rows = Csv.parse(body);
      } catch (Csv.Malformed e) {
        throw invalid("line " + e.line, e.getMessage());
      }
      if (rows.size() < 2) {
        throw invalid("body", "has no records: a header line and at least one line below it");
      }
      if (rows.size() - 1 > MAX_LINES) {
        throw invalid("body", "holds " + (rows.size() - 1) + " records, at most " + MAX_LINES + " per request");
      }
      List<String> header = rows.get(0).cells().stream().map(Csv::key).toList();
      String expected = format == ImportFormat.PAGERDUTY ? "created_on" : "CreatedAt";
      if (!header.contains(Csv.key(expected)) && !header.contains("createdat") && !header.contains("created")) {
        throw invalid("line 1", "is not a " + format.code + " header: it has no column " + expected);
      }
      lines = format == ImportFormat.PAGERDUTY ? ImportReaders.pagerDuty(rows, options)
          : ImportReaders.opsgenie(rows, options);
    }
    return lines;
  }

  /** The format a CSV header says, when the request does not: PagerDuty has incident_number/created_on, Opsgenie TinyId. */
  static Optional<ImportFormat> sniffCsv(String body) {
    if (body == null) {
      return Optional.empty();
    }
    String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
    int end = text.indexOf('\n');
    List<String> header = java.util.Arrays.stream((end < 0 ? text : text.substring(0, end)).split(","))
        .map(cell -> Csv.key(cell.replace("\"", ""))).toList();
    if (header.contains("tinyid") || header.contains("alertid")) {
      return Optional.of(ImportFormat.OPSGENIE);
    }
    if (header.contains("incidentnumber") || header.contains("createdon") || header.contains("servicename")) {
      return Optional.of(ImportFormat.PAGERDUTY);
    }
    return Optional.empty();
  }

  /** "; with its report (published, into the knowledge base)" for a line that brings one. */
  private static String withReport(ImportLine line) {
    return line.report() == null ? "" : "; with its report (published, in the knowledge base)";
  }

  static InvalidInputException invalid(String field, String message) {
    return new InvalidInputException(List.of(new FieldProblem(field, message)));
  }
}
