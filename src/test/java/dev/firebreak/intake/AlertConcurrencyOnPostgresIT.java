package dev.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.platform.EmbeddedPostgres;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Exactly once on a real PostgreSQL: identical webhooks at the same instant give one incident,
 * held by the database (row lock and unique keys), and a database that cannot answer gives 503
 * with nothing stored, so Alertmanager's retry delivers the alert later.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "firebreak.intake.token=pg-token",
    "spring.datasource.hikari.connection-init-sql=SET lock_timeout = '3s'",
    "spring.datasource.hikari.maximum-pool-size=20"})
@DirtiesContext
class AlertConcurrencyOnPostgresIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "intake");
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  AlertProcessor processor;

  final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

  @Test
  void identicalWebhooksAtTheSameInstantGiveOneIncident() throws Exception {
    String alertname = "Same" + UUID.randomUUID().toString().substring(0, 8);
    String body = AlertPayloads.alertmanager(alertname, "payments", "fp-" + alertname, "firing", start).toString();
    List<Integer> statuses = sendConcurrently(8, i -> body);

    assertThat(statuses).containsOnly(200);
    assertThat(count("SELECT COUNT(*) FROM alert_event WHERE group_key LIKE ?", "alertname=" + alertname + ",%")).isEqualTo(1);
    processor.processPending();
    assertThat(incidentsOf(alertname)).isEqualTo(1);
  }

  @Test
  void differentAlertsOfOneNewGroupAtTheSameInstantGiveOneIncident() throws Exception {
    String alertname = "Group" + UUID.randomUUID().toString().substring(0, 8);
    List<Integer> statuses = sendConcurrently(8, i -> AlertPayloads.alertmanager(alertname, "search",
        "fp-" + alertname + "-" + i, "firing", start).toString());

    assertThat(statuses).containsOnly(200);
    processConcurrently();
    assertThat(incidentsOf(alertname)).isEqualTo(1);
    assertThat(jdbc.sql("SELECT alert_count FROM incident WHERE incident_key = (SELECT MAX(incident_key) FROM alert_event "
        + "WHERE group_key LIKE ?)").param("alertname=" + alertname + ",%").query(Integer.class).single()).isEqualTo(8);
  }

  @Test
  void busyDatabaseAnswers503AndTheRetryDeliversTheAlert() throws Exception {
    String alertname = "Busy" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode payload = AlertPayloads.alertmanager(alertname, "payments", "fp-" + alertname, "firing", start);
    try (Connection blocker = EmbeddedPostgres.get().getDatabase("postgres", "intake").getConnection()) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE alert_event IN ACCESS EXCLUSIVE MODE");
      AlertPayloads.Answer busy = AlertPayloads.post(port, "/api/alerts/alertmanager", "pg-token", payload.toString());
      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.body()).contains("nothing was stored");
      blocker.rollback();
    }
    assertThat(count("SELECT COUNT(*) FROM alert_event WHERE group_key LIKE ?", "alertname=" + alertname + ",%")).isZero();

    AlertPayloads.Answer retried = AlertPayloads.post(port, "/api/alerts/alertmanager", "pg-token", payload.toString());
    assertThat(retried.status()).isEqualTo(200);
    processor.processPending();
    assertThat(incidentsOf(alertname)).isEqualTo(1);
  }

  @Test
  void theParallelProcessorOpensExactlyOneIncidentPerGroupUnderConcurrency() throws Exception {
    // 30 new groups, four alerts each, interleaved from eight senders; then two processors (as two
    // nodes) with their parallel workers, and the node's own processor loop, work the queue at once
    String run = "Par" + UUID.randomUUID().toString().substring(0, 6);
    int groups = 30;
    int perGroup = 4;
    List<Integer> statuses = sendConcurrently(8, groups * perGroup, i -> {
      ObjectNode payload = AlertPayloads.alertmanager(run + "-" + (i % groups), i % 2 == 0 ? "payments" : "search",
          "fp-" + run + "-" + i, "firing", start);
      ((ObjectNode) payload.withArray("alerts").get(0).get("annotations")).put("summary", run + "-" + (i % groups));
      return payload.toString();
    });
    assertThat(statuses).containsOnly(200);
    processConcurrently();

    assertThat(count("SELECT COUNT(*) FROM alert_event WHERE group_key LIKE ? AND processed = FALSE",
        "alertname=" + run + "-%")).isZero();
    for (int g = 0; g < groups; g++) {
      String title = run + "-" + g;
      assertThat(count("SELECT COUNT(*) FROM incident WHERE title = ?", title)).as("incidents of " + title).isEqualTo(1);
      assertThat(incidentsOf(title)).as("incidents the alerts of " + title + " went to").isEqualTo(1);
      assertThat(jdbc.sql("SELECT alert_count FROM incident WHERE title = ?").param(title).query(Integer.class).single())
          .isEqualTo(perGroup);
    }
    // each recorded with its severity decided, under a key of its own
    assertThat(count("SELECT COUNT(DISTINCT incident_key) FROM incident WHERE title LIKE ? AND severity IS NOT NULL",
        run + "-%")).isEqualTo(groups);
  }

  /** Two processors (as on two nodes) working the same queue at once. */
  private void processConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(pool.submit(() -> {
        go.await();
        return processor.processPending();
      }));
    }
    go.countDown();
    for (Future<Integer> run : runs) {
      run.get();
    }
    pool.shutdown();
  }

  private List<Integer> sendConcurrently(int senders, java.util.function.IntFunction<String> body) throws Exception {
    return sendConcurrently(senders, senders, body);
  }

  /** {@code webhooks} webhooks from {@code senders} threads, all released at once. */
  private List<Integer> sendConcurrently(int senders, int webhooks, java.util.function.IntFunction<String> body)
      throws Exception {
    if (webhooks != senders) {
      ExecutorService pool = Executors.newFixedThreadPool(senders);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < webhooks; i++) {
        String payload = body.apply(i);
        answers.add(pool.submit(() -> AlertPayloads.post(port, "/api/alerts/alertmanager", "pg-token", payload).status()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      pool.shutdown();
      return statuses;
    }
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    CountDownLatch ready = new CountDownLatch(senders);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      int n = i;
      answers.add(pool.submit(() -> {
        String payload = body.apply(n);
        ready.countDown();
        go.await();
        return AlertPayloads.post(port, "/api/alerts/alertmanager", "pg-token", payload).status();
      }));
    }
    ready.await();
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get());
    }
    pool.shutdown();
    return statuses;
  }

  private long incidentsOf(String alertname) {
    return count("SELECT COUNT(DISTINCT incident_key) FROM alert_event WHERE group_key LIKE ? AND incident_key IS NOT NULL",
        "alertname=" + alertname + ",%");
  }

  private long count(String sql, String param) {
    return jdbc.sql(sql).param(param).query(Long.class).single();
  }
}
