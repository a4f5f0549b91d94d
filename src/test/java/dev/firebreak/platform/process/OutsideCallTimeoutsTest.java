package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.platform.ProcessTestSupport;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * No job outlives its lock (one minute, GracefulShutdownIT checks it): every call to an outside
 * system a job makes ends well within it — SMTP (connect, read, write), Slack, the
 * RestClient that Jira uses, subscriber webhooks (their own 5 s connect and 10 s request timeouts).
 */
class OutsideCallTimeoutsTest extends ProcessTestSupport {

  @Autowired
  Environment environment;
  @Autowired
  RestClient.Builder restClients;

  @Test
  void everyOutsideCallTimesOutWellWithinTheJobLock() {
    Duration lock = Duration.ofMillis(Long.parseLong(environment.getRequiredProperty(
        "camunda.bpm.job-execution.lock-time-in-millis")));
    Duration quarter = lock.dividedBy(4);
    java.util.Map<String, String> mail = org.springframework.boot.context.properties.bind.Binder.get(environment)
        .bind("spring.mail.properties", org.springframework.boot.context.properties.bind.Bindable
            .mapOf(String.class, String.class)).get();
    for (String smtp : List.of("mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout")) {
      String value = mail.get(smtp);
      assertThat(value).as(smtp).isNotNull();
      assertThat(Duration.ofMillis(Long.parseLong(value))).as(smtp).isPositive().isLessThanOrEqualTo(quarter);
    }
    for (String property : List.of("spring.http.client.connect-timeout", "spring.http.client.read-timeout",
        "firebreak.slack.timeout")) {
      assertThat(DurationStyle.detectAndParse(environment.getRequiredProperty(property))).as(property).isPositive()
          .isLessThanOrEqualTo(quarter);
    }
    // and what is left after a timed-out call: the mail outbox owns a row for its lease, above the SMTP timeouts
    assertThat(DurationStyle.detectAndParse(environment.getRequiredProperty("firebreak.notify.mail-outbox.lease")))
        .isGreaterThan(Duration.ofSeconds(25));
  }

  @Test
  @Timeout(60)
  void theRestClientJiraUsesGivesUpOnASilentServerWithinItsReadTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // accepts, never answers
          }
        } catch (java.io.IOException e) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      RestClient client = restClients.baseUrl("http://127.0.0.1:" + silent.getLocalPort()).build();
      long started = System.nanoTime();
      assertThatThrownBy(() -> client.get().uri("/rest/api/3/myself").retrieve().toBodilessEntity())
          .isInstanceOf(ResourceAccessException.class);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(9)).isLessThan(Duration.ofSeconds(20));
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }
}
