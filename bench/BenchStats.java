import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every benchmark under bench/ reports the same way: timings in milliseconds, their nearest-rank
 * percentiles, the machine and its load average (the machine is often shared, so every figure is
 * printed with the load it was measured under). Compiled by the bench scripts before the benchmark
 * itself (the Java 17 source launcher runs a single file): {@code javac -d target/bench-classes
 * bench/BenchStats.java}, then {@code target/bench-classes} on the class path.
 *
 * <pre>
 * BenchStats api = new BenchStats("GET /api/kpis");
 * for (...) { api.time(() -> get(...)); }
 * System.out.println(api.summary());           // "GET /api/kpis (200): p50 …, p95 …, max … (load 1.20 …)"
 * double p95 = api.p95();
 * BenchStats.ratio(api, sql);                  // "p50 1.6 x, p95 1.5 x"
 * </pre>
 */
public final class BenchStats {

  private final String name;
  private final List<Double> millis = new ArrayList<>();

  public BenchStats(String name) {
    this.name = name;
  }

  /** Runs the action and records how long it took. */
  public <T> T time(Supplier<T> action) {
    long t0 = System.nanoTime();
    T result = action.get();
    add((System.nanoTime() - t0) / 1e6);
    return result;
  }

  /** Runs the action and records how long it took. */
  public void run(ThrowingRunnable action) throws Exception {
    long t0 = System.nanoTime();
    action.run();
    add((System.nanoTime() - t0) / 1e6);
  }

  public void add(double ms) {
    millis.add(ms);
  }

  public int count() {
    return millis.size();
  }

  public double p50() {
    return percentile(50);
  }

  public double p95() {
    return percentile(95);
  }

  public double max() {
    return percentile(100);
  }

  public double mean() {
    return millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** The nearest-rank percentile (p in 0..100; 100 is the maximum). */
  public double percentile(int p) {
    return percentile(millis, p);
  }

  /** "name (n): p50 x ms, p95 y ms, max z ms (load average a b c)". */
  public String summary() {
    return String.format("%s (%d): p50 %.1f ms, p95 %.1f ms, max %.1f ms, mean %.1f ms (load average %s)", name,
        count(), p50(), p95(), max(), mean(), loadAverage());
  }

  /** "p50 a x, p95 b x": how many times slower {@code slow} is than {@code fast}. */
  public static String ratio(BenchStats slow, BenchStats fast) {
    return String.format("p50 %.2f x, p95 %.2f x", slow.p50() / fast.p50(), slow.p95() / fast.p95());
  }

  /** The nearest-rank percentile of the values (p in 0..100; 100 is the maximum). */
  public static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** The 1, 5 and 15 minute load averages of /proc/loadavg ("?" where there is none). */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** "Machine: 2 cores, OpenJDK … 17, Linux …, max heap 2048 MiB, load average …". */
  public static String machine() {
    return String.format("Machine: %d cores, %s %s, %s %s, max heap %d MiB, load average %s",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"),
        Runtime.getRuntime().maxMemory() / 1024 / 1024, loadAverage());
  }

  /** A timed action that may throw. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().build();

  /** GET as the demo auditor (the benchmarks' reader); anything but 200 ends the run. */
  public static String getAsAuditor(String base, String path) throws Exception {
    String auditor = "Basic " + Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", auditor).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
