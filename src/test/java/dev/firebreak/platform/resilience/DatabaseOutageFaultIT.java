package dev.firebreak.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.resilience.FaultRig.Database;
import dev.firebreak.platform.resilience.FaultRig.Node;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 30 s in the middle of an alert storm (Alertmanager webhooks with the
 * intake token, retried on 5xx as Alertmanager does): no alert lost, no incident twice, every
 * webhook asked during the outage answered 503 with Retry-After within 5 s, and the public status
 * page answering 200 (within 5 s) throughout.
 */
class DatabaseOutageFaultIT {

  static final int GROUPS = 30;
  static final int WEBHOOKS_PER_GROUP = 6;
  static final int ALERTS_PER_WEBHOOK = 3;
  static final int SENDERS = 4;
  static final Duration OUTAGE = Duration.ofSeconds(30);

  static Database database;
  static Node node;

  record Answer(Instant asked, Instant answered, int status, boolean retryAfter) {
    Duration took() {
      return Duration.between(asked, answered);
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.kill();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void noAlertLostNoIncidentTwiceHonestAnswersAndTheStatusPageUp() throws Exception {
    database = new Database("db-outage");
    node = new Node("db-outage-node", database).start();

    ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
    Instant startsAt = Instant.now().minusSeconds(60);
    for (int w = 0; w < WEBHOOKS_PER_GROUP; w++) {
      for (int g = 0; g < GROUPS; g++) {
        bodies.add(webhook("Outage-" + g, g % 2 == 0 ? "payments" : "search", g, w * ALERTS_PER_WEBHOOK, startsAt));
      }
    }
    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Answer> statusPage = new ConcurrentLinkedQueue<>();
    AtomicBoolean storming = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 1);
    pool.submit(() -> {
      while (storming.get()) {
        statusPage.add(ask(() -> node.get("/status")));
        FaultRig.sleep(1000);
      }
    });
    Instant stormStart = Instant.now();
    List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      senders.add(pool.submit(() -> {
        String body;
        while ((body = bodies.poll()) != null) {
          String webhook = body;
          Instant giveUp = Instant.now().plusSeconds(180);
          while (true) {
            Answer answer = ask(() -> node.post("/api/alerts/alertmanager", webhook,
                "Authorization", "Bearer " + FaultRig.INTAKE_TOKEN));
            answers.add(answer);
            if (answer.status() == 200 || Instant.now().isAfter(giveUp)) {
              break;
            }
            FaultRig.sleep(1000);
          }
          FaultRig.sleep(700);
        }
      }));
    }
    FaultRig.sleep(10_000);
    database.stop();
    Instant down = Instant.now();
    FaultRig.sleep(OUTAGE.toMillis());
    Instant restarting = Instant.now();
    database.start();
    Instant up = Instant.now();
    for (var sender : senders) {
      sender.get(5, TimeUnit.MINUTES);
    }
    Instant stormEnd = Instant.now();
    FaultRig.await(Duration.ofSeconds(120), "every stored alert processed into its incident",
        () -> database.count("SELECT COUNT(*) FROM alert_event WHERE processed = FALSE") == 0
            && database.count("SELECT COUNT(DISTINCT title) FROM incident WHERE title LIKE 'Outage-%'") == GROUPS);
    Instant drained = Instant.now();
    FaultRig.sleep(3000);
    storming.set(false);
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);

    long alerts = database.count("SELECT COUNT(DISTINCT fingerprint) FROM alert_event WHERE group_key LIKE 'alertname=Outage-%'");
    long incidents = database.count("SELECT COUNT(*) FROM incident WHERE title LIKE 'Outage-%'");
    List<Answer> duringOutage = answers.stream()
        .filter(a -> !a.asked().isBefore(down) && a.asked().isBefore(restarting)).toList();
    long unavailable = duringOutage.stream().filter(a -> a.status() == 503).count();
    Duration slowest = duringOutage.stream().map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO);
    Instant firstAccepted = answers.stream().filter(a -> a.status() == 200 && a.asked().isAfter(up))
        .map(Answer::answered).min(Instant::compareTo).orElse(null);
    List<Answer> statusDuringOutage = statusPage.stream()
        .filter(a -> !a.asked().isBefore(down) && a.asked().isBefore(up)).toList();
    Answer slowestPoll = statusPage.stream().max(java.util.Comparator.comparing(Answer::took)).orElse(null);
    Duration slowestStatus = slowestPoll == null ? Duration.ZERO : slowestPoll.took();
    Duration slowestStatusDuringOutage = statusDuringOutage.stream().map(Answer::took).max(Duration::compareTo)
        .orElse(Duration.ZERO);
    FaultRig.report("FAULT db-outage: %d alerts in %d groups, %d webhooks, %d answers; storm %.1f s; PostgreSQL down "
            + "%.1f s after the storm began, for %.1f s (start took %.1f s); during the outage %d answers, %d of them 503 "
            + "(statuses %s), slowest %.2f s; first alert accepted %.1f s after PostgreSQL was up; drained %.1f s after "
            + "the last webhook; stored alerts %d (lost %d); incidents %d (duplicates %d); /status: %d polls, %d during "
            + "the outage, statuses %s, slowest %.2f s (asked %.1f s after the storm began), slowest during the outage "
            + "%.2f s%n",
        GROUPS * WEBHOOKS_PER_GROUP * ALERTS_PER_WEBHOOK, GROUPS, GROUPS * WEBHOOKS_PER_GROUP, answers.size(),
        FaultRig.seconds(stormStart, stormEnd), FaultRig.seconds(stormStart, down), FaultRig.seconds(down, up),
        FaultRig.seconds(restarting, up), duringOutage.size(), unavailable,
        duringOutage.stream().map(Answer::status).distinct().toList(), slowest.toMillis() / 1000.0,
        firstAccepted == null ? -1 : FaultRig.seconds(up, firstAccepted), FaultRig.seconds(stormEnd, drained),
        alerts, (long) GROUPS * WEBHOOKS_PER_GROUP * ALERTS_PER_WEBHOOK - alerts, incidents, incidents - GROUPS,
        statusPage.size(), statusDuringOutage.size(), statusPage.stream().map(Answer::status).distinct().toList(),
        slowestStatus.toMillis() / 1000.0, slowestPoll == null ? -1 : FaultRig.seconds(stormStart, slowestPoll.asked()),
        slowestStatusDuringOutage.toMillis() / 1000.0);

    assertThat(alerts).as("alerts stored").isEqualTo((long) GROUPS * WEBHOOKS_PER_GROUP * ALERTS_PER_WEBHOOK);
    assertThat(incidents).as("incidents, one per alert group").isEqualTo(GROUPS);
    assertThat(duringOutage).as("webhooks asked while PostgreSQL was down").isNotEmpty();
    assertThat(duringOutage).allSatisfy(a -> {
      assertThat(a.took()).as("time to answer a webhook asked during the outage").isLessThanOrEqualTo(Duration.ofSeconds(5));
      if (a.answered().isBefore(restarting)) {
        assertThat(a.status()).as("webhook answer during the outage").isEqualTo(503);
      } else {
        assertThat(a.status()).as("webhook asked during the outage, answered after it").isIn(200, 503);
      }
      if (a.status() == 503) {
        assertThat(a.retryAfter()).as("Retry-After on the 503").isTrue();
      }
    });
    assertThat(statusDuringOutage).as("status page polls during the outage").isNotEmpty();
    assertThat(statusPage).allSatisfy(a -> {
      assertThat(a.status()).as("/status answer").isEqualTo(200);
      assertThat(a.took()).as("time to answer /status").isLessThanOrEqualTo(Duration.ofSeconds(5));
    });
  }

  private static Answer ask(java.util.function.Supplier<HttpResponse<String>> request) {
    Instant asked = Instant.now();
    try {
      HttpResponse<String> response = request.get();
      return new Answer(asked, Instant.now(), response.statusCode(),
          response.headers().firstValue("Retry-After").isPresent());
    } catch (RuntimeException e) {
      return new Answer(asked, Instant.now(), -1, false);
    }
  }

  /** An Alertmanager (version 4) webhook with {@link #ALERTS_PER_WEBHOOK} firing alerts of one group. */
  static String webhook(String alertname, String service, int group, int offset, Instant startsAt) {
    StringBuilder alerts = new StringBuilder();
    for (int i = 0; i < ALERTS_PER_WEBHOOK; i++) {
      if (i > 0) {
        alerts.append(',');
      }
      alerts.append("""
          {"status": "firing", "labels": {"alertname": "%s", "service": "%s", "severity": "critical", "instance": "i-%d"},
           "annotations": {"summary": "%s on %s", "impact": "part-of-users"},
           "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "o%d-a%d"}""".formatted(
          alertname, service, offset + i, alertname, service, startsAt, group, offset + i));
    }
    return """
        {"version": "4", "status": "firing", "receiver": "firebreak", "groupKey": "{}:{alertname=\\"%s\\"}",
         "groupLabels": {"alertname": "%s", "service": "%s"}, "commonLabels": {}, "commonAnnotations": {},
         "externalURL": "http://alertmanager:9093", "truncatedAlerts": 0, "alerts": [%s]}""".formatted(
        alertname, alertname, service, alerts);
  }
}
