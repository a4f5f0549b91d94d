package dev.firebreak.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import dev.firebreak.platform.resilience.FaultRig.Database;
import dev.firebreak.platform.resilience.FaultRig.Deliveries;
import dev.firebreak.platform.resilience.FaultRig.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 during a burst of notification jobs, then a restart on the same database: every page
 * (e-mail) and every Slack card goes out exactly once, and none later than a minute after the
 * restarted node is ready (the job lock of the dead node must not hold them for minutes).
 */
class KillDuringBurstFaultIT {

  static final int INCIDENTS = 20;

  static Database database;
  static GreenMail smtp;
  static WireMockServer slack;
  static Node node;

  @AfterAll
  static void stop() {
    if (node != null) {
      node.kill();
    }
    if (slack != null) {
      slack.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void everyNotificationExactlyOnceAndSoonAfterRestart() {
    database = new Database("kill-burst");
    int smtpPort = FaultRig.freePort();
    smtp = FaultRig.smtp(smtpPort);
    // Slack answers slowly, so jobs are running (locked, half-sent) when the node dies
    slack = FaultRig.slack(400);
    node = new Node("kill-burst-node", database).slack(slack).smtp(smtpPort).start();

    List<String> keys = new ArrayList<>();
    for (int i = 1; i <= INCIDENTS; i++) {
      keys.add(node.declare("Burst " + i));
    }
    // the burst is running: some notifications are out, most are not
    FaultRig.await(Duration.ofSeconds(60), "the first notification of the burst",
        () -> Deliveries.of(smtp, slack, keys).posts() + Deliveries.of(smtp, slack, keys).pages() > 0);
    Deliveries beforeKill = Deliveries.of(smtp, slack, keys);
    long lockedAtKill = database.count("SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL");
    long jobsAtKill = database.count("SELECT COUNT(*) FROM act_ru_job WHERE duedate_ IS NULL OR duedate_ <= now()");
    node.kill();
    Instant killed = Instant.now();

    node.start();
    Instant ready = Instant.now();
    Instant[] complete = new Instant[1];
    FaultRig.await(Duration.ofSeconds(90), "every page and card of the burst", () -> {
      boolean done = Deliveries.of(smtp, slack, keys).complete();
      if (done) {
        complete[0] = Instant.now();
      }
      return done;
    }, () -> Deliveries.of(smtp, slack, keys) + "; jobs left " + database.count("SELECT COUNT(*) FROM act_ru_job")
        + ", locked " + database.count("SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL"));
    // a late duplicate would come from a job retried after the restart: give it time to show
    FaultRig.sleep(10_000);
    Deliveries after = Deliveries.of(smtp, slack, keys);

    FaultRig.report("FAULT kill-burst: %d incidents; at kill: %s, %d jobs due, %d locked; restart ready %.1f s "
            + "after the kill; all delivered %.1f s after ready (%.1f s after the kill); finally: %s%n",
        INCIDENTS, beforeKill, jobsAtKill, lockedAtKill, FaultRig.seconds(killed, ready),
        FaultRig.seconds(ready, complete[0]), FaultRig.seconds(killed, complete[0]), after);
    assertThat(beforeKill.complete()).as("the kill struck while notifications were still going out").isFalse();
    assertThat(after.complete()).isTrue();
    assertThat(after.duplicates()).as("notifications sent more than once").isEmpty();
    assertThat(Duration.between(ready, complete[0])).as("last notification after the restart")
        .isLessThanOrEqualTo(Duration.ofSeconds(60));
  }
}
