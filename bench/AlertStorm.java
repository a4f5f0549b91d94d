import dev.firebreak.FirebreakApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Alert storm against Firebreak on PostgreSQL, as Alertmanager would send it: webhooks of a few
 * alerts of one group, some resent, from concurrent senders that retry on 503. Baselines in the
 * same run: a one-task process started through Camunda REST, and plain Camunda REST starting the
 * incident process by message. Phases of distinct groups (three rounds, each against a baseline
 * measured just before it) measure how fast alerts become incidents. Checks its own targets (p99;
 * the rounds' medians of incidents/s against the one-task baseline and of the time after the last
 * webhook). Not a test: run with
 * bench/alert-storm.sh; figures go to docs/BENCHMARKS.md.
 */
public class AlertStorm {

  static final int ALERTS = Integer.getInteger("alerts", 10_000);
  static final int GROUPS = Integer.getInteger("groups", 100);
  static final int SENDERS = Integer.getInteger("senders", 16);
  static final int BATCH = Integer.getInteger("batch", 10);
  static final int BASELINE = Integer.getInteger("baseline", 1_000);
  /** Incident starts by message through Camunda REST (the storm's own baseline). */
  static final int REST_BASELINE = Integer.getInteger("restBaseline", BASELINE);
  /** Distinct alert groups of the incident-start phase (one alert each: every webhook opens an incident). */
  static final int DISTINCT = Integer.getInteger("distinct", 1_000);
  /** Rounds of the distinct groups, each against a baseline measured just before it; the targets on the medians. */
  static final int DISTINCT_ROUNDS = Integer.getInteger("distinctRounds", 3);
  /** Targets the run checks itself; a missed one prints which and exits non-zero. */
  static final double P99_TARGET_MS = Double.parseDouble(System.getProperty("p99Target", "100"));
  static final double RATIO_TARGET = Double.parseDouble(System.getProperty("ratioTarget", "0.5"));
  static final double AFTER_LAST_TARGET_S = Double.parseDouble(System.getProperty("afterLastTarget", "10"));
  /** -Dwrites=true: rows written per incident, table by table, in the start and in the jobs after it. */
  static final boolean WRITES = Boolean.getBoolean("writes");
  /** -Dstatements=true: PostgreSQL's time by statement in the distinct phase (pg_stat_statements). */
  static final boolean STATEMENTS = Boolean.getBoolean("statements");
  static final String ONE_TASK = "benchOneTask";
  static final double RESEND_SHARE = 0.1;

  static final HttpClient HTTP = HttpClient.newBuilder().build();

  public static void main(String[] args) throws Exception {
    System.out.printf("Machine: %d cores, %s %s, %s %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"),
        System.getProperty("os.version"), Runtime.getRuntime().maxMemory() / 1024 / 1024);
    EmbeddedPostgres.Builder database = EmbeddedPostgres.builder();
    if (STATEMENTS) {
      database.setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .setServerConfig("pg_stat_statements.track_planning", "on");
    }
    // -DpostgresSettings=name=value,...: PostgreSQL settings of a diagnostic run (e.g. autovacuum=off)
    for (String setting : System.getProperty("postgresSettings", "").split(",")) {
      if (setting.contains("=")) {
        database.setServerConfig(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
      }
    }
    try (EmbeddedPostgres postgres = database.start()) {
      postgresPort = postgres.getPort();
      try (Connection c = postgres.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("CREATE DATABASE bench");
      }
      // system properties outrank every configuration file on the (test) classpath
      Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "bench"),
          "spring.datasource.username", "postgres",
          "spring.datasource.hikari.maximum-pool-size", "24",
          "server.port", "0",
          "firebreak.intake.token", "bench-token",
          "camunda.bpm.job-execution.enabled", "true",
          "logging.level.root", "WARN").forEach(System::setProperty);
      ConfigurableApplicationContext app = new SpringApplicationBuilder(FirebreakApplication.class).run();
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      String base = "http://127.0.0.1:" + port;
      try {
        warmUp(base);
        deployOneTask(app);
        oneTaskBaseline(base, Math.min(200, BASELINE)); // warm-up of the REST start path, not counted
        OneTask oneTask = oneTask(base);
        System.out.printf("Baseline: a one-task process started through Camunda REST at %.1f starts/s (%d starts)%n",
            oneTask.rate(), BASELINE);
        // the start path warmed up as the baseline's was (its 200 starts before the measured ones)
        Distinct warmStarts = distinct(base, postgres, "Warm-start-", Math.min(200, DISTINCT), 900_000);
        System.out.printf("Warm-up of the incident starts: %d incidents; waiting for the warm-up's jobs: %.1f s%n",
            warmStarts.incidents, idle(postgres));

        org.camunda.bpm.engine.impl.jobexecutor.JobExecutor jobs = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            app.getBean(org.camunda.bpm.engine.ProcessEngine.class).getProcessEngineConfiguration()).getJobExecutor();
        // each round: the distinct groups against the baseline measured just before them (the machine's
        // own speed drifts over minutes); the targets are checked on the rounds' medians
        List<Round> rounds = new ArrayList<>();
        for (int round = 1; round <= DISTINCT_ROUNDS; round++) {
          if (round > 1) {
            oneTask = oneTask(base);
            System.out.printf("Baseline again: %.1f starts/s%n", oneTask.rate());
          }
          System.out.printf("Round %d of %d of the distinct groups%n", round, DISTINCT_ROUNDS);
          rounds.add(distinctRound(round, base, postgres, jobs, oneTask));
        }
        double ratio = median(rounds.stream().map(Round::ratio).toList());
        double afterLast = median(rounds.stream().map(Round::afterLast).toList());
        System.out.printf("Distinct groups, %d rounds: x the one-task baseline %s (median %.2f); seconds after the "
            + "last webhook %s (median %.1f)%n", rounds.size(), list(rounds.stream().map(Round::ratio).toList(), "%.2f"),
            ratio, list(rounds.stream().map(Round::afterLast).toList(), "%.1f"), afterLast);

        List<String> missed = new ArrayList<>();
        if (ALERTS > 0) {
          stormPhase(base, postgres, missed);
        }
        for (Round round : rounds) {
          if (round.incidents() != DISTINCT) {
            missed.add("distinct groups: " + round.incidents() + " incidents for " + DISTINCT + " groups (must be equal)");
          }
        }
        if (ratio < RATIO_TARGET) {
          missed.add("distinct groups: the median is %.2f x the one-task baseline (target at least %.2f x)"
              .formatted(ratio, RATIO_TARGET));
        }
        if (afterLast > AFTER_LAST_TARGET_S) {
          missed.add("distinct groups: the median is all incidents %.1f s after the last webhook (target at most %.0f s)"
              .formatted(afterLast, AFTER_LAST_TARGET_S));
        }
        missed.forEach(m -> System.out.println("TARGET MISSED: " + m));
        System.out.println(missed.isEmpty() ? "RESULT: OK" : "RESULT: FAILED (" + missed.size() + " target"
            + (missed.size() == 1 ? "" : "s") + " missed)");
        app.close();
        System.exit(missed.isEmpty() ? 0 : 1);
      } finally {
        if (app.isActive()) {
          app.close();
        }
      }
    }
  }

  /** One distinct-groups phase against the baseline just measured: its figures printed, its ratio returned. */
  static Round distinctRound(int round, String base, EmbeddedPostgres postgres,
      org.camunda.bpm.engine.impl.jobexecutor.JobExecutor jobs, OneTask baseline) throws Exception {
    double oneTask = baseline.rate();
    double oneTaskCpu = baseline.cpuPerStart();
    // counting writes: the job executor waits until the starts' own writes are counted (its figures
    // then differ from a normal run's)
    Map<String, long[]> writesBefore = null;
    if (WRITES) {
      jobs.shutdown();
      writesBefore = writes(postgres);
    }
    if (STATEMENTS) {
      resetStatements(postgres);
    }
    String loadBefore = loadAverage();
    long databaseCpuBefore = databaseCpuMillis();
    Map<String, Long> threadsBefore = threadCpu();
    long[] gcAndCompilationBefore = gcAndCompilation();
    long distinctCpuBefore = cpuMillis();
    long jobsDoneBefore = jobsDone(postgres);
    Distinct distinct = distinct(base, postgres, round == 1 ? "Distinct-" : "Distinct" + round + "-", DISTINCT,
    100_000 + (round - 1) * DISTINCT);
    long jobsDoneMeanwhile = jobsDone(postgres) - jobsDoneBefore;
    double distinctCpu = (cpuMillis() - distinctCpuBefore) / (double) Math.max(1, distinct.incidents);
    double databaseCpu = (databaseCpuMillis() - databaseCpuBefore) / (double) Math.max(1, distinct.incidents);
    Map<String, Long> threadsAfter = threadCpu();
    long[] gcAndCompilationAfter = gcAndCompilation();
    if (STATEMENTS) {
      printStatements(postgres, distinct.incidents);
    }
    Map<String, long[]> writesStarted = null;
    if (WRITES) {
      writesStarted = writes(postgres);
      jobs.start();
    }
    // the incidents that exist, not the groups sent: a phase that ran out of time counts what it made
    double distinctRate = distinct.incidents / distinct.seconds;
    System.out.printf("Load average (1, 5, 15 min) before the distinct groups: %s; after: %s%n", loadBefore,
        loadAverage());
    System.out.printf("Distinct groups: %d webhooks of one alert each, %d incidents in %.1f s: %.1f incidents/s "
        + "(%.2f x the one-task baseline)%n", DISTINCT, distinct.incidents, distinct.seconds, distinctRate,
        distinctRate / oneTask);
    System.out.printf("Distinct groups: every incident recorded, severity decided, first notifications queued "
        + "%.1f s after the last webhook was answered%n", distinct.afterLast);
    System.out.printf("CPU (this JVM and PostgreSQL) per start: one-task baseline %.1f ms, distinct groups %.1f ms "
        + "per incident until all existed (%.2f x; less load-dependent than the rates)%n", oneTaskCpu, distinctCpu,
        oneTaskCpu / distinctCpu);
    System.out.printf("CPU per incident of the distinct groups: this JVM %.1f ms, PostgreSQL %.1f ms%n",
        distinctCpu - databaseCpu, databaseCpu);
    printThreadCpu(threadsBefore, threadsAfter, distinctCpu - databaseCpu, distinct.incidents);
    System.out.printf("Of the other: GC pauses %.1f ms, JIT compilation %.1f ms per incident (the JVM's own "
        + "accounting)%n", (gcAndCompilationAfter[0] - gcAndCompilationBefore[0]) / (double) Math.max(1, distinct.incidents),
        (gcAndCompilationAfter[1] - gcAndCompilationBefore[1]) / (double) Math.max(1, distinct.incidents));
    System.out.printf("Distinct groups: webhook p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        distinct.webhooks.percentile(50), distinct.webhooks.percentile(99), distinct.webhooks.percentile(100));
    System.out.printf("Jobs done while the incidents were being started: %d (%.1f per incident: first "
        + "notifications, the at-once timers); the rest after them%n", jobsDoneMeanwhile,
        jobsDoneMeanwhile / (double) Math.max(1, distinct.incidents));
    System.out.printf("Waiting for the new incidents' jobs: %.1f s%n", idle(postgres));
    if (WRITES) {
      printWrites("until every incident existed", writesBefore, writesStarted, distinct.incidents);
      printWrites("by the jobs after that", writesStarted, writes(postgres), distinct.incidents);
    }
    return new Round(distinctRate / oneTask, distinct.afterLast, distinct.incidents);
  }

  record Round(double ratio, double afterLast, long incidents) {
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String list(List<Double> values, String format) {
    return String.join(", ", values.stream().map(format::formatted).toList());
  }

  /** The storm of issue 3 and its baseline: incident starts by message through Camunda REST. */
  static void stormPhase(String base, EmbeddedPostgres postgres, List<String> missed) throws Exception {
    double baseline = baseline(base);
    System.out.printf("Waiting for the baseline's jobs: %.1f s%n", idle(postgres));
    Storm storm = storm(base);
    double drained = drain(postgres);
    Map<String, Long> counts = counts(postgres);
    long incidents = counts.get("incidents");
    long lost = (long) ALERTS - counts.get("alerts");
    double rate = ALERTS / storm.seconds;
    System.out.printf("Baseline: plain Camunda REST starts the incident process by message at %.1f starts/s%n", baseline);
    System.out.printf("Storm: %d alerts in %d groups, %d webhooks (%d resent), %d senders, %.1f s%n",
        ALERTS, GROUPS, storm.webhooks, storm.resent, SENDERS, storm.seconds);
    System.out.printf("Accepted alerts/s: %.1f (%.2f x incident starts/s by Camunda REST)%n", rate, rate / baseline);
    System.out.printf("Webhook response time: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        storm.percentile(50), storm.percentile(99), storm.percentile(100));
    System.out.printf("503 answers (retried): %d%n", storm.unavailable);
    System.out.printf("Every stored alert processed into incidents %.1f s after the last webhook was answered%n", drained);
    System.out.printf("Incidents created: %d (groups: %d)%n", incidents, GROUPS);
    System.out.printf("Alerts lost: %d%n", lost);
    if (incidents != GROUPS) {
      missed.add("storm: " + incidents + " incidents for " + GROUPS + " groups (must be equal)");
    }
    if (lost != 0) {
      missed.add("storm: " + lost + " alerts lost (must be 0)");
    }
    if (storm.percentile(99) >= P99_TARGET_MS) {
      missed.add("storm: webhook p99 %.1f ms (target under %.0f ms)".formatted(storm.percentile(99), P99_TARGET_MS));
    }
  }

  /** The one-task baseline: starts per second, and the CPU of this JVM and PostgreSQL per start. */
  record OneTask(double rate, double cpuPerStart) {
  }

  /** Measures the one-task baseline (-Dbaseline starts). */
  static OneTask oneTask(String base) throws Exception {
    long cpuBefore = cpuMillis();
    double rate = oneTaskBaseline(base, BASELINE);
    return new OneTask(rate, (cpuMillis() - cpuBefore) / (double) BASELINE);
  }

  /** The baseline's process: a start event, one service task doing nothing, an end event. */
  static void deployOneTask(ConfigurableApplicationContext app) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(ONE_TASK).camundaHistoryTimeToLive(1)
        .startEvent().serviceTask("DoNothing").camundaExpression("${true}").endEvent().done();
    app.getBean(RepositoryService.class).createDeployment().name("bench-one-task")
        .addModelInstance(ONE_TASK + ".bpmn", model).deploy();
  }

  /** Starts the one-task process through Camunda REST from the senders; starts per second. */
  static double oneTaskBaseline(String base, int starts) throws Exception {
    return restStarts(base, "/engine-rest/process-definition/key/" + ONE_TASK + "/start", starts,
        n -> """
            {"businessKey": "one-task-%d"}""".formatted(n), "One-task baseline failures: ");
  }

  /**
   * POSTs {@code starts} bodies to a Camunda REST path from the senders as admin, counts the answers
   * that are not 2xx (printed after {@code failuresLabel}); starts per second.
   */
  static double restStarts(String base, String path, int starts, java.util.function.IntFunction<String> body,
      String failuresLabel) throws Exception {
    String admin = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    for (int i = 0; i < starts; i++) {
      int n = i;
      pool.submit(() -> {
        try {
          HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json").header("Authorization", admin)
              .POST(HttpRequest.BodyPublishers.ofString(body.apply(n))).build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() >= 300) {
            failures.incrementAndGet();
          }
        } catch (Exception e) {
          failures.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failures.get() > 0) {
      System.out.println(failuresLabel + failures.get());
    }
    return starts / seconds;
  }

  record Distinct(double seconds, double afterLast, long incidents, Storm webhooks) {
  }

  /**
   * One webhook of one firing alert for each of {@code groups} new groups, their alerts titled
   * {@code prefix} and a number, from {@code firstGroup}: each must become an incident (record
   * written, severity decided, first notification job queued: one transaction). Seconds from the
   * first webhook until all exist, and from the last webhook's answer.
   */
  static Distinct distinct(String base, EmbeddedPostgres postgres, String prefix, int groups, int firstGroup)
      throws Exception {
    Instant startsAt = Instant.now().minusSeconds(30);
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger unavailable = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    long start = System.nanoTime();
    for (int g = 0; g < groups; g++) {
      String body = webhook(prefix + g, g % 2 == 0 ? "payments" : "search", firstGroup + g, 0, 1, startsAt);
      pool.submit(() -> deliver(base, body, latencies, unavailable));
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    long lastAnswer = System.nanoTime();
    long incidents = 0;
    try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
      long deadline = lastAnswer + TimeUnit.SECONDS.toNanos(300);
      while (System.nanoTime() < deadline) {
        ResultSet done = c.createStatement().executeQuery("SELECT COUNT(*) FROM incident WHERE title LIKE '" + prefix
            + "%' AND severity IS NOT NULL");
        done.next();
        incidents = done.getLong(1);
        if (incidents >= groups) {
          break;
        }
        sleep(50);
      }
    }
    long end = System.nanoTime();
    return new Distinct((end - start) / 1e9, (end - lastAnswer) / 1e9, incidents,
        new Storm((lastAnswer - start) / 1e9, groups, 0, unavailable.get(), new ArrayList<>(latencies)));
  }

  /** Sends one webhook as Alertmanager does: retried on 503 and errors. */
  static void deliver(String base, String body, ConcurrentLinkedQueue<Double> latencies, AtomicInteger unavailable) {
    for (int attempt = 0; attempt < 20; attempt++) {
      long t0 = System.nanoTime();
      int status = send(base, body);
      latencies.add((System.nanoTime() - t0) / 1e6);
      if (status == 200) {
        return;
      }
      if (status == 503) {
        unavailable.incrementAndGet();
      }
      sleep(100L * (attempt + 1));
    }
    System.out.println("Gave up on a webhook");
  }

  /** Lets the JIT compile the intake path before measuring (its incidents are not counted). */
  static void warmUp(String base) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    Instant startsAt = Instant.now().minusSeconds(120);
    for (int i = 0; i < 500; i++) {
      int n = i;
      pool.submit(() -> send(base, webhook("Warmup-" + (n % 20), "search", 1000 + n % 20, n * BATCH, BATCH, startsAt)));
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
  }

  /** The incident process started by message through plain Camunda REST; starts per second. */
  static double baseline(String base) throws Exception {
    return restStarts(base, "/engine-rest/message", REST_BASELINE, n -> """
        {"messageName": "AlertFired", "processVariables": {
          "title": {"value": "Baseline %d"}, "service": {"value": "search"},
          "incidentType": {"value": "outage"}, "impactScope": {"value": "part-of-users"},
          "alertSeverity": {"value": "critical"}, "source": {"value": "baseline"}}}""".formatted(n),
        "Baseline failures: ");
  }

  record Storm(double seconds, int webhooks, int resent, int unavailable, List<Double> latencies) {
    double percentile(int p) {
      List<Double> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
  }

  static Storm storm(String base) throws Exception {
    int perGroup = ALERTS / GROUPS;
    List<String> bodies = new ArrayList<>();
    Instant startsAt = Instant.now().minusSeconds(60);
    // round-robin over groups, so first alerts of many groups arrive at once, as in a real storm
    for (int offset = 0; offset < perGroup; offset += BATCH) {
      for (int g = 0; g < GROUPS; g++) {
        String body = webhook("Storm-" + g, g % 2 == 0 ? "payments" : "search", g, offset,
            Math.min(BATCH, perGroup - offset), startsAt);
        bodies.add(body);
        if ((bodies.size() % (int) (1 / RESEND_SHARE)) == 0) {
          bodies.add(body);
        }
      }
    }
    int resent = bodies.size() - (ALERTS / BATCH);
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger unavailable = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    long start = System.nanoTime();
    for (String body : bodies) {
      pool.submit(() -> deliver(base, body, latencies, unavailable));
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Storm(seconds, bodies.size(), resent, unavailable.get(), new ArrayList<>(latencies));
  }

  static String webhook(String alertname, String service, int group, int offset, int count, Instant startsAt) {
    StringBuilder alerts = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        alerts.append(',');
      }
      alerts.append("""
          {"status": "firing", "labels": {"alertname": "%s", "service": "%s", "severity": "critical", "instance": "i-%d"},
           "annotations": {"summary": "%s on %s", "impact": "part-of-users"},
           "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "g%d-a%d"}""".formatted(
          alertname, service, offset + i, alertname, service, startsAt, group, offset + i));
    }
    return """
        {"version": "4", "status": "firing", "receiver": "firebreak", "groupKey": "{}:{alertname=\\"%s\\"}",
         "groupLabels": {"alertname": "%s", "service": "%s"}, "commonLabels": {}, "commonAnnotations": {},
         "externalURL": "http://alertmanager:9093", "truncatedAlerts": 0, "alerts": [%s]}""".formatted(
        alertname, alertname, service, alerts);
  }

  static int send(String base, String body) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts/alertmanager"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer bench-token")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Seconds until no job is due and no alert waits for processing. */
  /** Jobs that ran to success so far (Camunda's job log). */
  static long jobsDone(EmbeddedPostgres postgres) throws Exception {
    try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
      ResultSet done = c.createStatement().executeQuery("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2");
      done.next();
      return done.getLong(1);
    }
  }

  static double idle(EmbeddedPostgres postgres) throws Exception {
    long start = System.nanoTime();
    try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
      while (true) {
        ResultSet pending = c.createStatement().executeQuery("SELECT (SELECT COUNT(*) FROM act_ru_job WHERE retries_ > 0 "
            + "AND (duedate_ IS NULL OR duedate_ <= now())) + (SELECT COUNT(*) FROM alert_event WHERE processed = FALSE)");
        pending.next();
        if (pending.getLong(1) == 0) {
          return (System.nanoTime() - start) / 1e9;
        }
        sleep(200);
      }
    }
  }

  /** Seconds until the alert processor has turned every stored alert into incident updates. */
  static double drain(EmbeddedPostgres postgres) throws Exception {
    long start = System.nanoTime();
    try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
      while (true) {
        ResultSet pending = c.createStatement().executeQuery("SELECT COUNT(*) FROM alert_event WHERE processed = FALSE");
        pending.next();
        if (pending.getLong(1) == 0) {
          return (System.nanoTime() - start) / 1e9;
        }
        sleep(100);
      }
    }
  }

  static Map<String, Long> counts(EmbeddedPostgres postgres) throws Exception {
    try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
      ResultSet incidents = c.createStatement().executeQuery(
          "SELECT COUNT(*) FROM incident WHERE source = 'alertmanager' AND title LIKE 'Storm-%'");
      incidents.next();
      ResultSet alerts = c.createStatement().executeQuery(
          "SELECT COUNT(DISTINCT fingerprint) FROM alert_event WHERE group_key LIKE 'alertname=Storm-%'");
      alerts.next();
      return Map.of("incidents", incidents.getLong(1), "alerts", alerts.getLong(1));
    }
  }

  /**
   * Rows inserted, updated and deleted so far, by table, and the commits (key "(commits)"), as
   * PostgreSQL's statistics count them; waits first until the backends have reported theirs.
   */
  static Map<String, long[]> writes(EmbeddedPostgres postgres) throws Exception {
    sleep(11_000); // an idle backend reports its counts within 10 s
    Map<String, long[]> writes = new java.util.TreeMap<>();
    try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
      ResultSet rows = c.createStatement().executeQuery(
          "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables");
      while (rows.next()) {
        writes.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4)});
      }
      ResultSet commits = c.createStatement().executeQuery(
          "SELECT xact_commit, xact_rollback, 0 FROM pg_stat_database WHERE datname = 'bench'");
      commits.next();
      writes.put("(commits, rollbacks)", new long[] {commits.getLong(1), commits.getLong(2), 0});
    }
    return writes;
  }

  static void printWrites(String when, Map<String, long[]> before, Map<String, long[]> after, long incidents) {
    System.out.printf("Rows written per incident %s (inserted / updated / deleted):%n", when);
    long[] total = new long[3];
    after.forEach((table, counts) -> {
      long[] was = before.getOrDefault(table, new long[3]);
      long[] delta = {counts[0] - was[0], counts[1] - was[1], counts[2] - was[2]};
      if (delta[0] + delta[1] + delta[2] > 0) {
        System.out.printf("  %-28s %7.2f / %7.2f / %7.2f%n", table, delta[0] / (double) incidents,
            delta[1] / (double) incidents, delta[2] / (double) incidents);
        if (!table.startsWith("(")) {
          for (int i = 0; i < 3; i++) {
            total[i] += delta[i];
          }
        }
      }
    });
    System.out.printf("  %-28s %7.2f / %7.2f / %7.2f%n", "all tables", total[0] / (double) incidents,
        total[1] / (double) incidents, total[2] / (double) incidents);
  }

  /** CPU time used so far by this JVM and the embedded PostgreSQL. */
  static long cpuMillis() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    return jvm + databaseCpuMillis();
  }

  /**
   * CPU time of the embedded PostgreSQL, from /proc: its postmaster (which counts its finished
   * backends) and the live backends. It runs detached (pg_ctl), so it is no child of this JVM:
   * found by the port on its command line.
   */
  static long databaseCpuMillis() {
    long postmaster = postmasterPid();
    if (postmaster < 0) {
      return 0;
    }
    long ticks = 0;
    try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
      for (java.nio.file.Path dir : processes.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        long[] stat = stat(dir);
        if (stat == null) {
          continue;
        }
        if (stat[0] == postmaster) {
          ticks += stat[2] + stat[3] + stat[4] + stat[5];
        } else if (stat[1] == postmaster) {
          ticks += stat[2] + stat[3];
        }
      }
    } catch (java.io.IOException e) {
      return 0;
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  }

  static volatile long postmaster = -1;
  static int postgresPort;

  static long postmasterPid() {
    if (postmaster > 0) {
      return postmaster;
    }
    try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
      for (java.nio.file.Path dir : processes.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String command = java.nio.file.Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
          if (command.contains("postgres") && command.contains("-p " + postgresPort + " ")) {
            postmaster = Long.parseLong(dir.getFileName().toString());
            return postmaster;
          }
        } catch (java.io.IOException gone) {
          // ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return -1;
  }

  /** pid, parent pid, utime, stime, cutime, cstime of a process; null when it ended. */
  static long[] stat(java.nio.file.Path dir) {
    try {
      String stat = java.nio.file.Files.readString(dir.resolve("stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state): ppid is field 4, utime..cstime fields 14-17
      return new long[] {Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]), Long.parseLong(f[11]),
          Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (Exception gone) {
      return null;
    }
  }

  /** The machine's load average (1, 5 and 15 minutes), as /proc/loadavg says; "?" where there is none. */
  static String loadAverage() {
    try {
      String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (Exception e) {
      return "?";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void resetStatements(EmbeddedPostgres postgres) throws Exception {
    try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
      c.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      c.createStatement().execute("SELECT pg_stat_statements_reset()");
    }
  }

  /** The statements that took most of PostgreSQL's time, per incident: calls, planning and execution. */
  static void printStatements(EmbeddedPostgres postgres, long incidents) throws Exception {
    try (Connection c = postgres.getDatabase("postgres", "bench").getConnection()) {
      ResultSet total = c.createStatement().executeQuery("SELECT SUM(calls), SUM(total_plan_time), SUM(total_exec_time) "
          + "FROM pg_stat_statements");
      total.next();
      System.out.printf("PostgreSQL statements per incident: %.1f calls, planning %.2f ms, execution %.2f ms%n",
          total.getDouble(1) / incidents, total.getDouble(2) / incidents, total.getDouble(3) / incidents);
      ResultSet rs = c.createStatement().executeQuery("SELECT calls, total_plan_time, total_exec_time, "
          + "left(regexp_replace(query, '\\s+', ' ', 'g'), 100) FROM pg_stat_statements "
          + "ORDER BY total_plan_time + total_exec_time DESC LIMIT 25");
      while (rs.next()) {
        System.out.printf("  %6.2f calls  plan %6.3f ms  exec %6.3f ms  %s%n", rs.getDouble(1) / incidents,
            rs.getDouble(2) / incidents, rs.getDouble(3) / incidents, rs.getString(4));
      }
    }
  }

  /** CPU time (ms) of this JVM's live threads so far, by kind (the name without its number). */
  static Map<String, Long> threadCpu() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> byKind = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        byKind.merge(info.getThreadName().replaceAll("[-#]?\\d+$", "").replaceAll("\\[.*\\]", ""), nanos / 1_000_000,
            Long::sum);
      }
    }
    return byKind;
  }

  /** The JVM's CPU per incident by kind of thread; the rest (GC, compiler, ended threads) as one. */
  static void printThreadCpu(Map<String, Long> before, Map<String, Long> after, double jvmPerIncident, long incidents) {
    StringBuilder line = new StringBuilder("JVM CPU per incident by thread:");
    double named = 0;
    List<Map.Entry<String, Long>> used = new ArrayList<>();
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (delta > 0) {
        used.add(Map.entry(e.getKey(), delta));
      }
    }
    used.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    for (Map.Entry<String, Long> e : used) {
      double perIncident = e.getValue() / (double) Math.max(1, incidents);
      named += perIncident;
      if (perIncident >= 0.5) {
        line.append(String.format(" %s %.1f ms,", e.getKey(), perIncident));
      }
    }
    line.append(String.format(" other (GC, compiler, threads that ended) %.1f ms", jvmPerIncident - named));
    System.out.println(line);
  }

  /** The JVM's time in garbage collection and in JIT compilation so far (ms). */
  static long[] gcAndCompilation() {
    long gc = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    java.lang.management.CompilationMXBean compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
    return new long[] {gc, compiler == null ? 0 : compiler.getTotalCompilationTime()};
  }
}
