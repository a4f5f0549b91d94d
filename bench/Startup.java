import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up and memory of one Firebreak node, as it runs in production: the packaged jar started with
 * {@code java -jar} in a process of its own on an empty database (embedded H2, and/or a fresh
 * database on an embedded PostgreSQL 17), timed until {@code /actuator/health/readiness} answers UP.
 * Then the node's RSS idle (10 s after ready) and after a small alert storm has become incidents.
 *
 * <p>System properties: {@code -Ddb=h2,postgres} (which databases), {@code -Druns=3},
 * {@code -Djar=target/firebreak-0.1.0-SNAPSHOT.jar}, {@code -Djvm="-XX:MaxRAMPercentage=65 ..."}
 * (flags of the measured JVM; default: the Dockerfile's), {@code -Dmemory=1g} (the container's
 * memory limit, as {@code -XX:MaxRAM}), {@code -Dalerts=2000 -Dgroups=100}
 * (the storm; 0 alerts: no storm), {@code -Dtarget=20} (seconds; exit 1 when a run is slower),
 * {@code -Dlayout=cds} (as the Dockerfile runs it: the jar extracted with Spring Boot's
 * {@code -Djarmode=tools extract} and a class-data-sharing archive from one training run;
 * {@code fatjar}: {@code java -jar} on the packaged jar itself; {@code cds,fatjar}: both).
 */
public class Startup {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final String TOKEN = "demo-alert-token";

  record Run(String db, int run, double readySeconds, double startedSeconds, long idleRssKb, long stormRssKb,
      long hwmKb, int incidents) {
  }

  public static void main(String[] args) throws Exception {
    List<String> dbs = List.of(System.getProperty("db", "h2,postgres").split(","));
    int runs = Integer.getInteger("runs", 3);
    Path jar = Path.of(System.getProperty("jar", findJar()));
    // the Dockerfile's flags; -XX:MaxRAM stands for the container's memory limit (-Dmemory)
    String jvm = "-XX:MaxRAM=" + System.getProperty("memory", "1g") + " " + System.getProperty("jvm",
        "-XX:MaxRAMPercentage=65 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError");
    int alerts = Integer.getInteger("alerts", 2000);
    int groups = Integer.getInteger("groups", 100);
    double target = Double.parseDouble(System.getProperty("target", "20"));
    List<String> layouts = List.of(System.getProperty("layout", "cds").split(","));

    System.out.printf("Firebreak start-up: %s, JVM flags [%s], %d CPU(s), Java %s%n", jar, jvm,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    List<Run> results = new ArrayList<>();
    Object postgres = null;
    try {
      if (dbs.contains("postgres")) {
        postgres = startPostgres();
      }
      String cdsJvm = null;
      Path cdsJar = null;
      if (layouts.contains("cds")) {
        Path extracted = Files.createTempDirectory("firebreak-cds");
        cdsJar = prepareCds(jar, extracted);
        cdsJvm = jvm + " -XX:SharedArchiveFile=" + extracted.resolve("firebreak.jsa") + " -Xlog:cds=off";
      }
      for (String db : dbs) {
        for (int i = 1; i <= runs; i++) {
         for (String layout : layouts) {
          Run run = layout.equals("cds") ? measure(db + "/cds", i, cdsJar, cdsJvm, postgres, alerts, groups)
              : measure(db + "/fatjar", i, jar, jvm, postgres, alerts, groups);
          results.add(run);
          System.out.printf(Locale.ROOT, "%-8s run %d: ready after %.1f s (Spring says started in %.1f s);"
                  + " RSS idle %d MB, after %d alerts → %d incidents %d MB (peak %d MB)%n",
              run.db(), run.run(), run.readySeconds(), run.startedSeconds(), run.idleRssKb() / 1024, alerts,
              run.incidents(), run.stormRssKb() / 1024, run.hwmKb() / 1024);
         }
        }
      }
    } finally {
      if (postgres != null) {
        ((AutoCloseable) postgres).close();
      }
    }
    boolean ok = true;
    for (String db : results.stream().map(Run::db).distinct().toList()) {
      List<Run> of = results.stream().filter(r -> r.db().equals(db)).toList();
      double best = of.stream().mapToDouble(Run::readySeconds).min().orElse(0);
      double worst = of.stream().mapToDouble(Run::readySeconds).max().orElse(0);
      double median = of.stream().mapToDouble(Run::readySeconds).sorted().skip(of.size() / 2).findFirst().orElse(0);
      System.out.printf(Locale.ROOT, "RESULT %s: ready in %.1f s median (%.1f–%.1f s) over %d runs; target %.0f s: %s%n",
          db, median, best, worst, of.size(), target, worst <= target ? "OK" : "SLOWER");
      ok &= worst <= target;
    }
    System.exit(ok ? 0 : 1);
  }

  static Run measure(String db, int run, Path jar, String jvm, Object postgres, int alerts, int groups)
      throws Exception {
    Path work = Files.createTempDirectory("firebreak-startup");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : jvm.trim().split("\\s+")) {
      if (!flag.isBlank()) {
        command.add(flag);
      }
    }
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.add("--server.port=" + port);
    // the demo profile (demo users, webhook token); only the database differs
    if (db.startsWith("postgres")) {
      String database = "startup_" + System.nanoTime();
      createDatabase(postgres, database);
      command.add("--spring.datasource.url=" + jdbcUrl(postgres, database));
      command.add("--spring.datasource.username=postgres");
      command.add("--spring.datasource.password=postgres");
    }
    Path log = work.resolve("firebreak.log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      String base = "http://localhost:" + port;
      double ready = -1;
      Instant deadline = Instant.now().plusSeconds(300);
      while (Instant.now().isBefore(deadline) && process.isAlive()) {
        if (status(base + "/actuator/health/readiness") == 200) {
          ready = (System.nanoTime() - start) / 1e9;
          break;
        }
        Thread.sleep(100);
      }
      if (ready < 0) {
        throw new IllegalStateException("Firebreak did not become ready; see " + log);
      }
      double started = startedSeconds(log);
      Thread.sleep(10_000);
      long idle = rss(process.pid(), "VmRSS");
      int incidents = 0;
      if (alerts > 0) {
        incidents = storm(base, alerts, groups, "Startup" + run + db);
      }
      long afterStorm = rss(process.pid(), "VmRSS");
      long peak = rss(process.pid(), "VmHWM");
      return new Run(db, run, ready, started, idle, afterStorm, peak, incidents);
    } finally {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** What the Dockerfile does: extract the jar, then one training run writes the CDS archive. */
  static Path prepareCds(Path jar, Path directory) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    run(directory, java, "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
        "--destination", directory.resolve("app").toString());
    Path extracted;
    try (var files = Files.list(directory.resolve("app"))) {
      extracted = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
    }
    Path training = Files.createDirectories(directory.resolve("training"));
    long start = System.nanoTime();
    run(training, java, "-XX:ArchiveClassesAtExit=" + directory.resolve("firebreak.jsa"),
        "-Dspring.context.exit=onRefresh", "-jar", extracted.toString(), "--server.port=0");
    System.out.printf(Locale.ROOT, "CDS archive written by a training run of %.1f s%n", (System.nanoTime() - start) / 1e9);
    return extracted;
  }

  static void run(Path directory, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(directory.resolve("out-" + System.nanoTime() + ".log").toFile()).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed in " + directory);
    }
  }

  /** Alertmanager webhooks of 10 alerts of one group from 8 senders; waits until every group is an incident. */
  static int storm(String base, int alerts, int groups, String prefix) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<Future<?>> sent = new ArrayList<>();
    Instant startsAt = Instant.now().minusSeconds(60);
    for (int batch = 0; batch < alerts / 10; batch++) {
      int group = batch % groups;
      int first = batch * 10;
      sent.add(senders.submit(() -> {
        StringBuilder list = new StringBuilder();
        for (int a = first; a < first + 10; a++) {
          if (list.length() > 0) {
            list.append(',');
          }
          list.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"").append(prefix).append(group)
              .append("\",\"service\":\"search\",\"severity\":\"warning\",\"instance\":\"i").append(a)
              .append("\"},\"annotations\":{\"summary\":\"Search slow ").append(group)
              .append("\"},\"startsAt\":\"").append(startsAt).append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
              .append("\"fingerprint\":\"").append(prefix).append('-').append(a).append("\"}");
        }
        String body = "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"firebreak\",\"alerts\":[" + list + "]}";
        for (int attempt = 0; attempt < 20; attempt++) {
          HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts/alertmanager"))
              .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() == 200) {
            return null;
          }
          Thread.sleep(500);
        }
        throw new IllegalStateException("webhook kept failing");
      }));
    }
    for (Future<?> future : sent) {
      future.get();
    }
    senders.shutdown();
    Instant deadline = Instant.now().plusSeconds(300);
    int incidents = 0;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/incidents?service=search"))
          .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic "
              + Base64.getEncoder().encodeToString("responder:demo".getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      incidents = count(list.body(), "\"title\":\"Search slow ");
      if (incidents >= groups) {
        break;
      }
      Thread.sleep(1000);
    }
    return incidents;
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  static int status(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static double startedSeconds(Path log) throws IOException {
    Matcher started = Pattern.compile("Started FirebreakApplication in ([0-9.]+) seconds")
        .matcher(Files.readString(log));
    return started.find() ? Double.parseDouble(started.group(1)) : -1;
  }

  static long rss(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  static String findJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files.map(Path::toString).filter(f -> f.matches(".*/firebreak-[^/]*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/firebreak-*.jar: run mvn -DskipTests package"));
    }
  }

  // embedded PostgreSQL (io.zonky, binaries from Maven Central) through reflection: the launcher's
  // classpath has it, the measured node does not need it

  static Object startPostgres() throws Exception {
    Class<?> type = Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
    Object builder = type.getMethod("builder").invoke(null);
    return builder.getClass().getMethod("start").invoke(builder);
  }

  static void createDatabase(Object postgres, String database) throws Exception {
    javax.sql.DataSource admin = (javax.sql.DataSource) postgres.getClass().getMethod("getPostgresDatabase")
        .invoke(postgres);
    try (var connection = admin.getConnection(); var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
  }

  static String jdbcUrl(Object postgres, String database) throws Exception {
    return (String) postgres.getClass().getMethod("getJdbcUrl", String.class, String.class)
        .invoke(postgres, "postgres", database);
  }
}
