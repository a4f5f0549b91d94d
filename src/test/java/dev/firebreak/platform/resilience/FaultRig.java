package dev.firebreak.platform.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The fault suite's rig: Firebreak as a separate OS process (the packaged jar, {@code java -jar
 * target/firebreak-*.jar}) on an embedded PostgreSQL that can be stopped and started again on the
 * same data directory and port, with GreenMail as SMTP and WireMock as Slack's Web API. Every
 * child is killed when the test ends and again on JVM exit; each child's output is in
 * {@code target/faults/}.
 */
final class FaultRig {

  static final Path LOGS = Path.of("target", "faults");
  static final String INTAKE_TOKEN = "fault-intake-token";
  /** The demo directory's responders with an e-mail address: each page goes to both. */
  static final Set<String> RESPONDERS = Set.of("responder@firebreak.example", "manager@firebreak.example");
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<Process> CHILDREN = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(Process::destroyForcibly)));
    try {
      Files.createDirectories(LOGS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FaultRig() {
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jar spring-boot:repackage wrote in the package phase (failsafe runs after it). */
  static Path jar() {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(f -> f.getFileName().toString().matches("firebreak-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No target/firebreak-*.jar: run the suite with mvn verify"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void await(Duration limit, String what, BooleanSupplier condition) {
    await(limit, what, condition, () -> "");
  }

  /**
   * Waits for the condition; when it does not come, says so with {@code state} (what there is instead).
   * {@code -Dfaults.wait=<seconds>} waits longer (the tests' bounds stay): to measure how long a
   * recovery takes when it misses its bound.
   */
  static void await(Duration limit, String what, BooleanSupplier condition, java.util.function.Supplier<Object> state) {
    Duration longer = Duration.ofSeconds(Long.getLong("faults.wait", 0));
    if (longer.compareTo(limit) > 0) {
      limit = longer;
    }
    Instant end = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("Not within " + limit.toSeconds() + " s: " + what + ". " + state.get());
      }
      sleep(250);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Prints a figure line and appends it to target/faults/figures.txt. */
  static synchronized void report(String format, Object... args) {
    String line = Instant.now() + " " + String.format(format, args).strip();
    System.out.println(line);
    try {
      Files.writeString(LOGS.resolve("figures.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** A PostgreSQL that keeps its data directory and port across {@link #stop()} and {@link #start()}. */
  static final class Database implements AutoCloseable {

    final Path directory;
    final int port = freePort();
    private EmbeddedPostgres postgres;

    Database(String name) {
      directory = LOGS.resolve(name + "-pgdata").toAbsolutePath();
      deleteTree(directory);
      start();
      try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "postgres")) {
        c.createStatement().execute("CREATE DATABASE firebreak");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    synchronized void start() {
      try {
        postgres = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false)
            .setPort(port).setServerConfig("max_connections", "200").start();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL did not start on " + directory, e);
      }
    }

    /** Stops the server (pg_ctl stop -m fast): every connection is cut, the data stays. */
    synchronized void stop() {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String url(String database) {
      return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url("firebreak"), "postgres", "postgres");
    }

    long count(String sql, Object... params) {
      try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          statement.setObject(i + 1, params[i]);
        }
        var result = statement.executeQuery();
        result.next();
        return result.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    List<String> strings(String sql, Object... params) {
      try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          statement.setObject(i + 1, params[i]);
        }
        var result = statement.executeQuery();
        List<String> values = new ArrayList<>();
        while (result.next()) {
          values.add(result.getString(1));
        }
        return values;
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    @Override
    public synchronized void close() {
      try {
        postgres.close();
      } catch (IOException | RuntimeException e) {
        // already stopped
      }
    }
  }

  /** One Firebreak node: the packaged jar in its own JVM, configured by command-line properties. */
  static final class Node implements AutoCloseable {

    final String name;
    final int port = freePort();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Process process;
    private int starts;

    Node(String name, Database database) {
      this.name = name;
      set("server.port", String.valueOf(port));
      set("spring.datasource.url", database.url("firebreak"));
      set("spring.datasource.username", "postgres");
      set("spring.datasource.password", "postgres");
      set("firebreak.intake.token", INTAKE_TOKEN);
      set("firebreak.base-url", "http://127.0.0.1:" + port);
      set("firebreak.notify.locale", "en");
    }

    Node set(String key, String value) {
      properties.put(key, value);
      return this;
    }

    Node slack(WireMockServer slack) {
      return set("firebreak.slack.bot-token", "xoxb-fault-suite")
          .set("firebreak.slack.methods-endpoint-url-prefix", slack.baseUrl() + "/api/");
    }

    Node smtp(int port) {
      return set("spring.mail.host", "127.0.0.1").set("spring.mail.port", String.valueOf(port));
    }

    /** Starts the JVM (small heap, like a container) and waits until it answers ready. */
    Node start() {
      List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
          "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toAbsolutePath().toString()));
      properties.forEach((k, v) -> command.add("--" + k + "=" + v));
      Path log = LOGS.resolve(name + "-" + (++starts) + ".log");
      try {
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      CHILDREN.add(process);
      Instant end = Instant.now().plusSeconds(240);
      while (!ready()) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
        }
        if (Instant.now().isAfter(end)) {
          throw new IllegalStateException(name + " not ready within 240 s; see " + log);
        }
        sleep(500);
      }
      return this;
    }

    /** Ready, and the demo users exist (they are made once the application is up). */
    boolean ready() {
      try {
        return get("/actuator/health/readiness").statusCode() == 200
            && send(HttpRequest.newBuilder(uri("/api/incidents")).timeout(Duration.ofSeconds(20))
                .header("Authorization", basic("responder")).GET().build()).statusCode() == 200;
      } catch (RuntimeException e) {
        return false;
      }
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    void kill() {
      if (process != null && process.isAlive()) {
        FaultRig.report("FAULT node %s-%d: peak RSS %s (-Xmx384m), up %.0f s%n", name, starts, peakRss(),
            FaultRig.seconds(process.info().startInstant().orElse(Instant.now()), Instant.now()));
      }
      if (process != null) {
        process.destroyForcibly();
        try {
          process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        CHILDREN.remove(process);
      }
    }

    /** The JVM's peak resident set (VmHWM), as Linux counts it. */
    private String peakRss() {
      try {
        return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
            .filter(line -> line.startsWith("VmHWM:")).map(line -> line.substring(6).trim()).findFirst().orElse("?");
      } catch (IOException e) {
        return "?";
      }
    }

    HttpResponse<String> get(String path) {
      return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    HttpResponse<String> post(String path, String json, String... headers) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(
              path.startsWith("/api/alerts") ? 20 : 60))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return send(request.build());
    }

    /** Declares a SEV1 incident (payments, database, all users) as Rae Responder; answers its key. */
    String declare(String title) {
      HttpResponse<String> answer = post("/api/incidents", """
          {"title": "%s", "service": "payments", "incidentType": "database", "impactScope": "all-users"}"""
          .formatted(title), "Authorization", basic("responder"));
      if (answer.statusCode() != 201) {
        throw new AssertionError("Declaring " + title + " answered " + answer.statusCode() + ": " + answer.body());
      }
      String location = answer.headers().firstValue("Location").orElseThrow();
      return location.substring(location.lastIndexOf('/') + 1);
    }

    private URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
      try {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      kill();
    }
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A fake Slack workspace (Web API shapes, as SlackWorkspace in the Slack tests): every incident
   * channel is C0INC, #incidents is C0CENTRAL, Rae Responder has an account; conversations.history
   * answers the posts accepted so far with their metadata (SlackHistoryFake); every other answer
   * comes after {@code delayMillis}.
   */
  static WireMockServer slack(int delayMillis) {
    WireMockServer slack = dev.firebreak.notify.slack.SlackHistoryFake.server(WireMockConfiguration.options().dynamicPort()
        .containerThreads(40).asynchronousResponseEnabled(true));
    slack.start();
    stub(slack, post(urlEqualTo("/api/conversations.create")),
        "{\"ok\": true, \"channel\": {\"id\": \"C0INC\", \"name\": \"created\"}}", delayMillis);
    stub(slack, post(urlEqualTo("/api/users.lookupByEmail")), "{\"ok\": false, \"error\": \"users_not_found\"}", delayMillis);
    stub(slack, post(urlEqualTo("/api/users.lookupByEmail")).withRequestBody(containing("email=responder%40firebreak.example")),
        "{\"ok\": true, \"user\": {\"id\": \"U0RESPOND\", \"name\": \"rae\"}}", delayMillis);
    stub(slack, post(urlEqualTo("/api/conversations.invite")), "{\"ok\": true, \"channel\": {\"id\": \"C0INC\"}}", delayMillis);
    stub(slack, post(urlEqualTo("/api/chat.postMessage")),
        "{\"ok\": true, \"channel\": \"C0INC\", \"ts\": \"1764540000.000200\"}", delayMillis);
    stub(slack, post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23incidents")),
        "{\"ok\": true, \"channel\": \"C0CENTRAL\", \"ts\": \"1764540000.000100\"}", delayMillis);
    stub(slack, post(urlEqualTo("/api/conversations.list")),
        "{\"ok\": true, \"channels\": [{\"id\": \"C0CENTRAL\", \"name\": \"incidents\"}], \"response_metadata\": {\"next_cursor\": \"\"}}",
        delayMillis);
    // conversations.history answers the posts the fake accepted, with their metadata (no delay)
    dev.firebreak.notify.slack.SlackHistoryFake.stub(slack);
    stub(slack, post(urlEqualTo("/api/chat.update")),
        "{\"ok\": true, \"channel\": \"C0INC\", \"ts\": \"1764540000.000200\"}", delayMillis);
    return slack;
  }

  private static void stub(WireMockServer slack, MappingBuilder request, String json, int delayMillis) {
    slack.stubFor(request.willReturn(okJson(json).withFixedDelay(delayMillis)));
  }

  static GreenMail smtp(int port) {
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    mail.start();
    return mail;
  }

  /**
   * What reached the fakes, per incident: the page e-mails (Message-IDs per recipient's mailbox,
   * and raw copies) and Slack's new posts (chat.postMessage) in the incident channel and the
   * central channel.
   */
  record Deliveries(Map<String, Map<String, Set<String>>> pageIds, Map<String, Integer> pageCopies,
      Map<String, Integer> incidentChannelPosts, Map<String, Integer> centralPosts,
      List<String> duplicateMails, boolean withSlack) {

    static Deliveries of(GreenMail mail, WireMockServer slack, List<String> keys) {
      Map<String, Map<String, Set<String>>> ids = new TreeMap<>();
      Map<String, Integer> copies = new TreeMap<>();
      Map<String, Set<String>> bySubject = new TreeMap<>();
      List<String> duplicates = new ArrayList<>();
      for (String key : keys) {
        ids.put(key, new TreeMap<>());
        copies.put(key, 0);
      }
      for (GreenMailUser user : mail.getUserManager().listUser()) {
        String mailbox = user.getEmail().toLowerCase();
        List<StoredMessage> stored;
        try {
          stored = mail.getManagers().getImapHostManager().getInbox(user).getMessages();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (StoredMessage message : stored) {
          MimeMessage mime = message.getMimeMessage();
          String subject;
          String id;
          try {
            subject = mime.getSubject();
            id = mime.getMessageID();
          } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
          }
          for (String key : keys) {
            if (subject != null && subject.contains(key + " ")) {
              bySubject.computeIfAbsent(mailbox + " | " + subject, s -> new TreeSet<>()).add(String.valueOf(id));
              if (subject.contains(" needs triage")) {
                ids.get(key).computeIfAbsent(mailbox, m -> new TreeSet<>()).add(String.valueOf(id));
                copies.merge(key, 1, Integer::sum);
              }
            }
          }
        }
      }
      bySubject.forEach((s, messageIds) -> {
        if (messageIds.size() > 1) {
          duplicates.add(s + " x" + messageIds.size());
        }
      });
      Map<String, Integer> incidentPosts = new TreeMap<>();
      Map<String, Integer> central = new TreeMap<>();
      List<LoggedRequest> posts = slack == null ? List.of()
          : slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")));
      for (String key : keys) {
        incidentPosts.put(key, 0);
        central.put(key, 0);
      }
      for (LoggedRequest post : posts) {
        String body = post.getBodyAsString();
        for (String key : keys) {
          if (body.contains(key + "+") || body.contains(key + "%") || body.contains(key + " ")) {
            (body.contains("channel=%23incidents") ? central : incidentPosts).merge(key, 1, Integer::sum);
          }
        }
      }
      return new Deliveries(ids, copies, incidentPosts, central, duplicates, slack != null);
    }

    /** Every incident's page reached each responder, and both channels have its card. */
    boolean complete() {
      return pagesComplete() && incidentChannelPosts.values().stream().allMatch(n -> n >= 1)
          && centralPosts.values().stream().allMatch(n -> n >= 1);
    }

    /** Every incident's page reached each responder. */
    boolean pagesComplete() {
      return pageIds.values().stream().allMatch(byMailbox -> byMailbox.keySet().containsAll(RESPONDERS));
    }

    /** Pages (per recipient, by Message-ID) and posts that went out more than once. */
    List<String> duplicates() {
      List<String> found = new ArrayList<>(duplicateMails);
      pageIds.forEach((key, byMailbox) -> byMailbox.forEach((mailbox, messageIds) -> {
        if (messageIds.size() > 1) {
          found.add(key + " paged " + mailbox + " " + messageIds.size() + " times: " + messageIds);
        }
      }));
      incidentChannelPosts.forEach((key, n) -> {
        if (n > 1) {
          found.add(key + " posted " + n + " times in its channel");
        }
      });
      centralPosts.forEach((key, n) -> {
        if (n > 1) {
          found.add(key + " posted " + n + " times in #incidents");
        }
      });
      return found.stream().distinct().sorted(Comparator.naturalOrder()).toList();
    }

    int pages() {
      return pageIds.values().stream().mapToInt(byMailbox -> byMailbox.values().stream().mapToInt(Set::size).sum()).sum();
    }

    int copies() {
      return pageCopies.values().stream().mapToInt(Integer::intValue).sum();
    }

    int posts() {
      return incidentChannelPosts.values().stream().mapToInt(Integer::intValue).sum()
          + centralPosts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What is missing: incidents whose page did not reach every responder, or without their cards. */
    List<String> missing() {
      List<String> missing = new ArrayList<>();
      pageIds.forEach((key, byMailbox) -> {
        if (!byMailbox.keySet().containsAll(RESPONDERS)) {
          missing.add(key + " page (reached " + byMailbox.keySet() + ")");
        }
      });
      incidentChannelPosts.forEach((key, n) -> {
        if (n == 0 && withSlack) {
          missing.add(key + " incident channel card");
        }
      });
      centralPosts.forEach((key, n) -> {
        if (n == 0 && withSlack) {
          missing.add(key + " #incidents card");
        }
      });
      return missing;
    }

    @Override
    public String toString() {
      return "missing " + missing() + "; pages (distinct Message-IDs per recipient) " + pages() + ", page copies " + copies() + ", Slack posts "
          + posts() + ", duplicates " + duplicates();
    }
  }

  static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (var walk = Files.walk(directory)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
